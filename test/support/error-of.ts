/** The error `fn` throws, for assertions on it; fails the test when `fn` throws nothing or an error of another class. */
export function errorOf<E extends Error = Error>(fn: () => unknown, type?: abstract new (...args: never[]) => E): E {
  try {
    fn();
  } catch (error) {
    if (type === undefined || error instanceof type) return error as E;
    throw error;
  }
  throw new Error(`expected ${type?.name ?? "an error"}`);
}
