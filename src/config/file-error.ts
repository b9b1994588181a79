/** A config file that could not be read or parsed: one clear line, never a stack. */
export class ConfigFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = "ConfigFileError";
  }

  /** `file:line:col: message` (the compiler-style line editors jump to). */
  describe(): string {
    const where = this.line !== undefined ? `${this.file}:${this.line}:${this.column ?? 1}` : this.file;
    return `${where}: ${this.message}`;
  }
}
