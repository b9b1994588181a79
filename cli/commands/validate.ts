import { packageInfo } from "../package-info";
import { parseCommandArgs, oneOf, stringFlag, stringFlags } from "../args";
import { argumentError, EXIT } from "../errors";
import { paintFor, type CliIO } from "../io";
import type { Command } from "../command";
import { loadAndValidateEnvironments, type ValidatedEnvironment } from "../load-and-validate";
import { githubAnnotations } from "../formats/github";
import { compareFindings } from "../../src/rules/finding";
import { reportSummary, textReport, type TextReportOptions } from "../../src/rules/report";

const FORMATS = ["text", "json", "github", "sarif"] as const;

function environmentNames(environments: readonly ValidatedEnvironment[]): string[] {
  return environments.map((e) => e.environment.environment).filter((n): n is string => n !== undefined);
}

function options(file: string, environments: readonly ValidatedEnvironment[]): TextReportOptions {
  return { file, environments: environmentNames(environments), skippedRules: environments.flatMap((e) => e.result.skippedRules ?? []) };
}

export const command: Command = {
  usage: [
    "Usage: genesys-email validate <file|-> [--env NAME]... [--format text|json|github|sarif]",
    "",
    "Validates every environment of the file after merging its overrides (or those named",
    "with --env), and prints each finding as ERROR|WARN <rule ID> <field path> <message> (fix: ...),",
    "by position in the file. One round: every rule whose fields are well-formed runs, even when",
    "other parts of the file have shape errors. - reads the config from standard input.",
    "  --format text    findings shared by several environments are printed once, naming them (default)",
    "  --format json    every finding of every environment, with its position",
    "  --format github  GitHub Actions workflow commands (annotations on the file)",
    "  --format sarif   SARIF 2.1.0, for code scanning (upload-sarif), one result per environment",
    "Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage or file problems.",
  ].join("\n"),
  async run(args: string[], io: CliIO) {
    const { values, positionals } = parseCommandArgs(args, { format: { type: "string" }, env: { type: "string", multiple: true } }, "validate");
    const format = oneOf(stringFlag(values, "format"), FORMATS, "--format", "text");
    if (positionals.length !== 1) throw argumentError("validate takes exactly one config file (or - for standard input).");
    const { loaded, environments } = await loadAndValidateEnvironments(positionals[0]!, io, stringFlags(values, "env"));
    const file = loaded.file;
    const findings = environments.flatMap((e) => e.result.findings).sort(compareFindings);
    const errors = findings.filter((f) => f.severity === "error").length;
    if (format === "json") {
      const names = environmentNames(environments);
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
      io.stdout.write(`${textReport(findings, { ...options(file, environments), paint: paintFor(io, "stdout") })}\n`);
    }
    return errors > 0 ? EXIT.failed : EXIT.ok;
  },
};
