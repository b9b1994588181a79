import { formatFinding, type Finding } from "../../src/rules/finding";
import { paint as makePaint, plural, type Paint } from "../../src/text/terminal";
import { groupAcrossEnvironments } from "./group";

/**
 * Findings as terminal text, the one shape every command prints them in:
 *
 *     ERROR GE105 mailboxes.inbound[0].maxSizeMb Max size … (fix: …)
 *       at config/environments.yaml:7:18 (environments dev, prod)
 *
 * A finding shared by several environments (same rule, field, message and position) is printed once,
 * naming them all. The severity is coloured when `paint` is on.
 */
export function findingLines(findings: readonly Finding[], paint: Paint = makePaint(false)): string[] {
  const lines: string[] = [];
  for (const { finding: f, environments } of groupAcrossEnvironments(findings)) {
    const line = formatFinding(f);
    const word = f.severity === "error" ? "ERROR" : "WARN";
    lines.push(`${f.severity === "error" ? paint.red(paint.bold(word)) : paint.yellow(paint.bold(word))}${line.slice(word.length)}`);
    const where = f.location ? `${f.location.file}:${f.location.line}:${f.location.column}` : undefined;
    const envs = environments.length === 0 ? undefined : `(${environments.length === 1 ? "environment" : "environments"} ${environments.join(", ")})`;
    if (where || envs) lines.push(paint.dim(`  at ${[where, envs].filter(Boolean).join(" ")}`));
  }
  return lines;
}

/** `2 errors, 1 warning`. */
export function countText(findings: readonly Finding[]): string {
  const errors = findings.filter((f) => f.severity === "error").length;
  return `${plural(errors, "error")}, ${plural(findings.length - errors, "warning")}`;
}
