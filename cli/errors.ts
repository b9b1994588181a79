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

/**
 * A command called the wrong way (exit 2). `main` adds where to read more: the command's whole usage
 * when the arguments themselves are wrong (`showUsage`: an unknown flag, a missing file), else a pointer to it.
 */
export class UsageError extends ExitError {
  constructor(
    message: string,
    readonly showUsage = false,
  ) {
    super(EXIT.usage, message);
    this.name = "UsageError";
  }
}

export function usageError(message: string): UsageError {
  return new UsageError(message);
}

/** Wrong flags or arguments: printed with the command's usage. */
export function argumentError(message: string): UsageError {
  return new UsageError(message, true);
}
