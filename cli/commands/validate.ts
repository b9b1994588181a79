import { packageInfo } from "../package-info";
import { parseCommandArgs, oneOf, stringFlag, stringFlags } from "../args";
import { EXIT, usageError } from "../errors";
import type { CliIO } from "../io";
import type { Command } from "../command";
import { fileArgument, loadAndValidateEnvironments, type ValidatedEnvironment } from "../load-and-validate";
import { githubAnnotations } from "../formats/github";
import { reportSummary, textReport, type TextReportOptions } from "../../src/rules/report";

const FORMATS = ["text", "json", "github", "sarif"] as const;

function options(file: string, environments: readonly ValidatedEnvironment[]): TextReportOptions {
  const names = environments.map((e) => e.environment.environment).filter((n): n is string => n !== undefined);
  return { file, environments: names, shapeIncomplete: environments.some((e) => e.result.config === undefined) };
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
      io.stdout.write(`${[...lines, reportSummary(findings, options(file, environments))].join("\n")}\n`);
    } else if (format === "sarif") {
      // Loaded here: the SARIF format needs the whole rules registry, which a failing read should not wait for.
      const { sarifLog } = require("../formats/sarif") as typeof import("../formats/sarif");
      const { version, informationUri } = packageInfo();
      io.stdout.write(`${JSON.stringify(sarifLog(findings, { cwd: io.cwd, file, toolVersion: version, ...(informationUri ? { informationUri } : {}) }), null, 2)}\n`);
    } else {
      io.stdout.write(`${textReport(findings, options(file, environments))}\n`);
    }
    return errors > 0 ? EXIT.failed : EXIT.ok;
  },
};
