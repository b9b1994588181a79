import { packageInfo } from "../package-info";
import { parseCommandArgs, oneOf, stringFlag, stringFlags } from "../args";
import { EXIT, usageError } from "../errors";
import type { CliIO } from "../io";
import type { Command } from "../command";
import { fileArgument, loadAndValidateEnvironments, type ValidatedEnvironment } from "../load-and-validate";
import { githubAnnotations } from "../formats/github";
import { findingText } from "../formats/text";
import type { Finding } from "../../src/rules/finding";

const FORMATS = ["text", "json", "github", "sarif"] as const;

function summary(file: string, findings: readonly Finding[], environments: readonly ValidatedEnvironment[]): string {
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.length - errors;
  const names = environments.map((e) => e.environment.environment).filter((n): n is string => n !== undefined);
  const scope = names.length ? ` (environment${names.length === 1 ? "" : "s"} ${names.join(", ")})` : "";
  return `${file}: ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}${scope}`;
}

function text(findings: readonly Finding[], file: string, environments: readonly ValidatedEnvironment[]): string {
  const lines: string[] = [];
  for (const f of findings) lines.push(findingText(f));
  if (environments.some((e) => e.result.config === undefined)) lines.push("The mailbox rules run once the config has the documented shape: fix the findings above first.");
  lines.push(summary(file, findings, environments));
  return `${lines.join("\n")}\n`;
}

export const command: Command = {
  usage: [
    "Usage: genesys-email validate <file> [--env NAME]... [--format text|json|github|sarif]",
    "",
    "Validates every environment of the file after merging its overrides (or those named",
    "with --env), and prints each finding as ERROR|WARN <rule ID> <field path> <message> (fix: ...).",
    "  --format github  GitHub Actions workflow commands (annotations on the file)",
    "  --format sarif   SARIF 2.1.0, for code scanning (upload-sarif)",
    "Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage or file problems.",
  ].join("\n"),
  async run(args: string[], io: CliIO) {
    const { values, positionals } = parseCommandArgs(args, { format: { type: "string" }, env: { type: "string", multiple: true } }, "validate");
    const format = oneOf(stringFlag(values, "format"), FORMATS, "--format", "text");
    if (positionals.length !== 1) throw usageError("validate takes exactly one config file.");
    const file = fileArgument(positionals[0]!, io.cwd);
    const { environments } = loadAndValidateEnvironments(file, stringFlags(values, "env"));
    const findings = environments.flatMap((e) => e.result.findings);
    const errors = findings.filter((f) => f.severity === "error").length;
    if (format === "json") {
      const names = environments.map((e) => e.environment.environment).filter((n): n is string => n !== undefined);
      const suppressed = environments.flatMap((e) => e.result.suppressed);
      io.stdout.write(`${JSON.stringify({ file, ...(names.length ? { environments: names } : {}), errors, warnings: findings.length - errors, findings, suppressed }, null, 2)}\n`);
    } else if (format === "github") {
      const lines = githubAnnotations(findings, io.cwd);
      io.stdout.write(`${[...lines, summary(file, findings, environments)].join("\n")}\n`);
    } else if (format === "sarif") {
      // Loaded here: the SARIF format needs the whole rules registry, which a failing read should not wait for.
      const { sarifLog } = require("../formats/sarif") as typeof import("../formats/sarif");
      const { version, informationUri } = packageInfo();
      io.stdout.write(`${JSON.stringify(sarifLog(findings, { cwd: io.cwd, file, toolVersion: version, ...(informationUri ? { informationUri } : {}) }), null, 2)}\n`);
    } else {
      io.stdout.write(text(findings, file, environments));
    }
    return errors > 0 ? EXIT.failed : EXIT.ok;
  },
};
