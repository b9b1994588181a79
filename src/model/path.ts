/** A field path as segments: `["mailboxes", "inbound", 2, "maxSizeMb"]`. */
export type FieldPath = ReadonlyArray<string | number>;

/** `mailboxes.inbound[2].maxSizeMb`: the form every finding and message uses. */
export function formatPath(path: FieldPath): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out === "" ? "(root)" : out;
}

/** Reads the value at a path from plain data; undefined where the path does not exist. */
export function valueAt(root: unknown, path: FieldPath): unknown {
  let current: unknown = root;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}
