/** Exit codes, decided in one place. */
export const EXIT = {
  ok: 0,
  /** Findings with errors, a failed check. */
  failed: 1,
  /** Usage or file problems. */
  usage: 2,
  /** `diff` found a change the vendor forbids. */
  forbidden: 3,
} as const;

/** An expected failure: its message is printed alone (no stack) and the process exits with `code`. */
export class ExitError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = "ExitError";
  }
}

export function usageError(message: string): ExitError {
  return new ExitError(EXIT.usage, `${message}\nRun genesys-email --help for usage.`);
}
