import { packageInfo } from "../package-info";
import { parseCommandArgs, oneOf, stringFlag, stringFlags } from "../args";
import { argumentError, EXIT } from "../errors";
import { paintFor, type CliIO } from "../io";
import type { Command } from "../command";
import { loadAndValidateEnvironments, type ValidatedEnvironment } from "../load-and-validate";
import { githubAnnotations } from "../formats/github";
import { sarifLog } from "../formats/sarif";
import { countText, findingLines } from "../formats/text";
import { compareFindings, type Finding } from "../../src/rules/finding";
import { plural } from "../../src/text/terminal";

const FORMATS = ["text", "json", "github", "sarif"] as const;

function environmentNames(environments: readonly ValidatedEnvironment[]): string[] {
  return environments.map((e) => e.environment.environment).filter((n): n is string => n !== undefined);
}

function summary(file: string, findings: readonly Finding[], environments: readonly ValidatedEnvironment[]): string {
  const names = environmentNames(environments);
  const scope = names.length ? ` (${names.length === 1 ? "environment" : "environments"} ${names.join(", ")})` : "";
  return `${file}: ${countText(findings)}${scope}`;
}

/** The rules a malformed field kept from running, so a clean-looking rest is not mistaken for a pass. */
function skippedNote(environments: readonly ValidatedEnvironment[]): string | undefined {
  const ids = [...new Set(environments.flatMap((e) => e.result.skippedRules ?? []))].sort();
  if (ids.length === 0) return undefined;
  return `${plural(ids.length, "rule")} (${ids.join(", ")}) did not run: ${ids.length === 1 ? "a field it reads is" : "fields they read are"} malformed (see the GE001 findings above). Fix those and validate again.`;
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
      io.stdout.write(`${[...lines, summary(file, findings, environments)].join("\n")}\n`);
    } else if (format === "sarif") {
      const { version, informationUri } = packageInfo();
      io.stdout.write(`${JSON.stringify(sarifLog(findings, { cwd: io.cwd, file, toolVersion: version, ...(informationUri ? { informationUri } : {}) }), null, 2)}\n`);
    } else {
      const note = skippedNote(environments);
      io.stdout.write(`${[...findingLines(findings, paintFor(io, "stdout")), ...(note ? [note] : []), summary(file, findings, environments)].join("\n")}\n`);
    }
    return errors > 0 ? EXIT.failed : EXIT.ok;
  },
};
