import { formatFinding, type Finding } from "./finding";
import { paint as makePaint, plural, type Paint } from "../text/terminal";

export interface TextReportOptions {
  /** The config file as the user named it; the summary line starts with it. */
  readonly file: string;
  /** The environments validated, named in the summary line. */
  readonly environments?: readonly string[];
  /** Rules a malformed field kept from running (ValidationResult.skippedRules), named in a note. */
  readonly skippedRules?: readonly string[];
  /** Colours for a terminal; none by default. */
  readonly paint?: Paint;
}

/** A finding reported once for every environment it appears in (same rule, path, message and position). */
export interface GroupedFinding {
  readonly finding: Finding;
  /** The environments it appears in, in the order met; empty for a file without environments. */
  readonly environments: readonly string[];
}

/**
 * A problem in the shared part of a file shows up in every environment at the same position;
 * text and annotation formats report it once and name the environments (JSON and SARIF keep one each).
 */
export function groupAcrossEnvironments(findings: readonly Finding[]): GroupedFinding[] {
  const groups = new Map<string, { finding: Finding; environments: string[] }>();
  for (const f of findings) {
    const key = JSON.stringify([f.severity, f.ruleId, f.path, f.message, f.fix, f.location?.file, f.location?.line, f.location?.column]);
    const group = groups.get(key);
    if (group) {
      if (f.environment && !group.environments.includes(f.environment)) group.environments.push(f.environment);
    } else groups.set(key, { finding: f, environments: f.environment ? [f.environment] : [] });
  }
  return [...groups.values()];
}

/**
 * The finding line, then `  at <file>:<line>:<column> (environment <name>)` when the finding has a
 * position or environments; the severity coloured when `paint` is on.
 */
export function describeFinding(f: Finding, environments: readonly string[] = f.environment ? [f.environment] : [], paint: Paint = makePaint(false)): string {
  const line = formatFinding(f);
  const word = f.severity === "error" ? "ERROR" : "WARN";
  const first = `${f.severity === "error" ? paint.red(paint.bold(word)) : paint.yellow(paint.bold(word))}${line.slice(word.length)}`;
  const where = f.location ? `${f.location.file}:${f.location.line}:${f.location.column}` : undefined;
  const envs = environments.length === 0 ? undefined : `(${environments.length === 1 ? "environment" : "environments"} ${environments.join(", ")})`;
  return where || envs ? `${first}\n${paint.dim(`  at ${[where, envs].filter(Boolean).join(" ")}`)}` : first;
}

/**
 * Findings as terminal text, the one shape every command prints them in:
 *
 *     ERROR GE105 mailboxes.inbound[0].maxSizeMb Max size … (fix: …)
 *       at config/environments.yaml:7:18 (environments dev, prod)
 *
 * A finding shared by several environments is printed once, naming them all.
 */
export function findingLines(findings: readonly Finding[], paint?: Paint): string[] {
  return groupAcrossEnvironments(findings).flatMap(({ finding, environments }) => describeFinding(finding, environments, paint).split("\n"));
}

/**
 * `contact-center.yaml: 2 errors, 1 warning (environments dev, prod)`: the findings as printed, a finding
 * shared by several environments counted once (JSON counts one per environment).
 */
export function reportSummary(findings: readonly Finding[], options: TextReportOptions): string {
  const shown = groupAcrossEnvironments(findings).map((g) => g.finding);
  const errors = shown.filter((f) => f.severity === "error").length;
  const names = options.environments ?? [];
  const scope = names.length ? ` (${names.length === 1 ? "environment" : "environments"} ${names.join(", ")})` : "";
  return `${options.file}: ${plural(errors, "error")}, ${plural(shown.length - errors, "warning")}${scope}`;
}

/** The rules a malformed field kept from running, so a clean-looking rest is not taken for a pass. */
export function skippedRulesNote(ids: readonly string[]): string | undefined {
  if (ids.length === 0) return undefined;
  const sorted = [...new Set(ids)].sort();
  return `${plural(sorted.length, "rule")} (${sorted.join(", ")}) did not run: ${sorted.length === 1 ? "a field it reads is" : "fields they read are"} malformed (see the GE001 findings above). Fix those and validate again.`;
}

/**
 * The text `genesys-email validate` prints (without the final newline): every finding (shared ones once),
 * the note about rules that could not run, and the summary line. The constructs' config error carries the same text.
 */
export function textReport(findings: readonly Finding[], options: TextReportOptions): string {
  const lines = findingLines(findings, options.paint);
  const note = skippedRulesNote(options.skippedRules ?? []);
  if (note) lines.push(note);
  lines.push(reportSummary(findings, options));
  return lines.join("\n");
}
