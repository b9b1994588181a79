import { describeFinding, type Finding } from "./finding";

export interface TextReportOptions {
  /** The config file as the user named it; the summary line starts with it. */
  readonly file: string;
  /** The environments validated, named in the summary line. */
  readonly environments?: readonly string[];
  /** Some config did not have the documented shape, so the mailbox rules did not run on it. */
  readonly shapeIncomplete?: boolean;
}

/** `contact-center.yaml: 2 errors, 1 warning (environments dev, prod)` */
export function reportSummary(findings: readonly Finding[], options: TextReportOptions): string {
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.length - errors;
  const names = options.environments ?? [];
  const scope = names.length ? ` (environment${names.length === 1 ? "" : "s"} ${names.join(", ")})` : "";
  return `${options.file}: ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}${scope}`;
}

/**
 * The text `genesys-email validate` prints (without the final newline): every finding, the note when
 * the shape was wrong, and the summary line. The constructs' config error carries the same text.
 */
export function textReport(findings: readonly Finding[], options: TextReportOptions): string {
  const lines = findings.map(describeFinding);
  if (options.shapeIncomplete) lines.push("The mailbox rules run once the config has the documented shape: fix the findings above first.");
  lines.push(reportSummary(findings, options));
  return lines.join("\n");
}
