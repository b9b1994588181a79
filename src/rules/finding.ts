import type { Severity } from "./rule";

/** A position in a source file (1-based line and column). */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** One reported problem: what every output format (text, JSON, GitHub, SARIF, CDKTF) is built from. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  /** Field path, e.g. `mailboxes.inbound[2].maxSizeMb`. */
  readonly path: string;
  readonly message: string;
  readonly fix: string;
  /** Where the offending value sits, when the config came from a file. */
  readonly location?: SourceLocation;
  /** The environment the finding belongs to, when the file has several. */
  readonly environment?: string;
}

/**
 * `ERROR GE105 mailboxes.inbound[2].maxSizeMb Max size … (fix: …)`: the line `validate` prints.
 * Location and environment are printed on their own line by the CLI, so this line keeps one shape.
 */
export function formatFinding(f: Finding): string {
  return `${f.severity === "error" ? "ERROR" : "WARN"} ${f.ruleId} ${f.path} ${f.message} (fix: ${f.fix})`;
}

/**
 * The finding line, then `  at <file>:<line>:<column> (environment <name>)` when the finding has a
 * position or an environment: how `validate` (text), `synth` and the constructs' error print one finding.
 */
export function describeFinding(f: Finding): string {
  const where = f.location ? `${f.location.file}:${f.location.line}:${f.location.column}` : undefined;
  const at = [where, f.environment && `(environment ${f.environment})`].filter(Boolean).join(" ");
  return at ? `${formatFinding(f)}\n  at ${at}` : formatFinding(f);
}
