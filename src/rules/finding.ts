import { compareText } from "../model/order";
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
 * The order findings are reported in: by position in the file (file, line, column), then rule ID. Findings
 * without a position keep their order (the engine gives them in the input's order) after those with one.
 */
export function compareFindings(a: Finding, b: Finding): number {
  const x = a.location;
  const y = b.location;
  if (!x || !y) return x ? -1 : y ? 1 : 0;
  return compareText(x.file, y.file) || x.line - y.line || x.column - y.column || compareText(a.ruleId, b.ruleId);
}
