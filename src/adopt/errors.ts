import { quote } from "../text/terminal";

/**
 * A bad input file of `import` (Graph JSON or the mailbox CSV): names the file, the field and the fix.
 * The CLI prints it alone and exits 2; nothing is written.
 */
export class AdoptInputError extends Error {
  constructor(
    readonly file: string,
    /** The field (JSON path, CSV row and column, or flag) that is wrong; empty for the file as a whole. */
    readonly field: string,
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`${file}${field ? `: ${field}` : ""}: ${problem} (fix: ${fix})`);
    this.name = "AdoptInputError";
  }
}

/** A value from an input file inside a message: short, one line, inert. */
export function shown(value: unknown): string {
  return quote(value, 50);
}
