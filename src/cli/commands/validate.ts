import { parseCommandArgs, oneOf, stringFlag } from "../args";
import { EXIT, usageError } from "../errors";
import type { CliIO } from "../io";
import type { Command } from "../main";
import { loadAndValidate } from "../load-and-validate";
import { formatFinding, type Finding } from "../../rules/finding";

const FORMATS = ["text", "json"] as const;

function text(findings: readonly Finding[], file: string, shapeOk: boolean): string {
  const lines: string[] = [];
  for (const f of findings) {
    lines.push(formatFinding(f));
    const where = f.location ? `${f.location.file}:${f.location.line}:${f.location.column}` : undefined;
    if (where || f.environment) lines.push(`  at ${[where, f.environment && `(environment ${f.environment})`].filter(Boolean).join(" ")}`);
  }
  if (!shapeOk) lines.push("The mailbox rules run once the config has the documented shape: fix the findings above first.");
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.length - errors;
  lines.push(`${file}: ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`);
  return `${lines.join("\n")}\n`;
}

export const command: Command = {
  summary: "check a config file against every mailbox rule",
  usage: [
    "Usage: genesys-email validate <file> [--format text|json]",
    "",
    "Prints each finding as ERROR|WARN <rule ID> <field path> <message> (fix: ...).",
    "Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage or file problems.",
  ].join("\n"),
  async run(args: string[], io: CliIO) {
    const { values, positionals } = parseCommandArgs(args, { format: { type: "string" } }, "validate");
    const format = oneOf(stringFlag(values, "format"), FORMATS, "--format", "text");
    if (positionals.length !== 1) throw usageError("validate takes exactly one config file.");
    const file = positionals[0]!;
    const { result } = loadAndValidate(file);
    if (format === "json") {
      io.stdout.write(`${JSON.stringify({ file, errors: result.errors.length, warnings: result.warnings.length, findings: result.findings, suppressed: result.suppressed }, null, 2)}\n`);
    } else {
      io.stdout.write(text(result.findings, file, result.config !== undefined));
    }
    return result.errors.length > 0 ? EXIT.failed : EXIT.ok;
  },
};
