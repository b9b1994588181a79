import type { Finding } from "../src/rules/finding";
import { textReport } from "../src/rules/report";

export interface GenesysEmailConfigErrorOptions {
  /**
   * What the summary line names: the config file, or the construct path for a config written in TypeScript.
   */
  readonly file: string;
  /**
   * The environments validated, named in the summary line.
   * @default - none
   */
  readonly environments?: readonly string[];
  /**
   * Rules a malformed field kept from running (`ValidationResult.skippedRules`), named in a note.
   * @default - none
   */
  readonly skippedRules?: readonly string[];
}

/**
 * A config with errors: thrown by `GenesysEmail`, `GenesysEmailStack` and `addEnvironmentStacks` before any
 * resource is built. `findings` holds every unsuppressed finding (errors and warnings) as data; the message
 * is exactly the text `genesys-email validate` prints for them, so a CDKTF app can print it as it is.
 */
export class GenesysEmailConfigError extends Error {
  /** Every unsuppressed finding, errors and warnings, in the order `validate` prints them. */
  readonly findings: readonly Finding[];
  /** The error findings (at least one). */
  readonly errors: readonly Finding[];
  /** The warning findings. */
  readonly warnings: readonly Finding[];

  constructor(findings: readonly Finding[], options: GenesysEmailConfigErrorOptions) {
    super(textReport(findings, options));
    this.name = "GenesysEmailConfigError";
    this.findings = findings;
    this.errors = findings.filter((f) => f.severity === "error");
    this.warnings = findings.filter((f) => f.severity === "warning");
  }
}
