import { resolve } from "node:path";
import { parseCommandArgs, stringFlag } from "../args";
import { argumentError, EXIT, usageError } from "../errors";
import type { CliIO } from "../io";
import type { Command } from "../command";
import { loadConfigArgument, resolveEnvironments, STDIN_LABEL, validateEnvironment } from "../load-and-validate";
import { paintFor } from "../io";
import { plural, quote } from "../../src/text/terminal";
import { didYouMean } from "../../src/text/suggest";
import type { EmailConfigInput } from "../../src/model/config";
import { STACK_NAME } from "../../src/model/stack-name";
import type { Finding } from "../../src/rules/finding";
import { findingLines } from "../../src/rules/report";
import { shownPath, synthExitError } from "../synth/problems";
import { synthesize, type SynthesizedStack } from "../synth/synthesize";
import { prefetchTerraformVersion, terraformProblem } from "../../src/terraform/version";
import type { GenesysEmailStack } from "../../constructs/genesys-email-stack";


/** `--lock-timeout`: `30s`, `2m`, `500ms` or seconds (`0`: do not wait), as Terraform's -lock-timeout. */
function lockTimeoutMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{1,6})(ms|s|m)?$/.exec(value.trim());
  if (!m) throw usageError(`--lock-timeout must be a duration such as 30s, 2m or 0; ${quote(value, 40)} given.`);
  return Number(m[1]) * (m[2] === "ms" ? 1 : m[2] === "m" ? 60_000 : 1000);
}

/** Stops a synth before its swap: the Terraform on the PATH is too old for the stacks (the message says why). */
class TerraformTooOld extends Error {}

export const command: Command = {
  usage: [
    "Usage: genesys-email synth <file|-> [--out DIR] [--env NAME] [--stack NAME] [--lock-timeout DURATION]",
    "",
    "Validates the file, then writes DIR/stacks/<stack>/cdk.tf.json (DIR defaults to cdktf.out).",
    "A file without environments is one stack named after the file (contact-center.yaml -> contact-center);",
    "--env NAME synthesizes one environment only. --stack NAME names the stack of a file without environments",
    "(needed for - : standard input has no file name).",
    "All stacks are written, or none: a config with errors, a failure or an interrupt leaves DIR as it was.",
    "Only the files synth generates are replaced: Terraform's (*.tfstate*, .terraform/, .terraform.lock.hcl)",
    "and your own files in a stack folder stay. A stack folder belongs to the file (and environment) that",
    "first wrote it: another file with the same stack name is refused.",
    "One synth at a time writes DIR; others wait for it up to --lock-timeout (default 30s).",
    "Needs no network and no Azure credentials.",
    "Exit codes: 0 written (warnings allowed), 1 errors found (nothing written), 2 usage or file problems,",
    "130/143 interrupted (SIGINT/SIGTERM).",
  ].join("\n"),
  async run(args: string[], io: CliIO) {
    const { values, positionals } = parseCommandArgs(args, { out: { type: "string" }, env: { type: "string" }, stack: { type: "string" }, "lock-timeout": { type: "string" } }, "synth");
    if (positionals.length !== 1) throw argumentError("synth takes exactly one config file (or - for standard input).");
    const given = positionals[0]!;
    const outDir = resolve(io.cwd, stringFlag(values, "out") ?? "cdktf.out");
    const env = stringFlag(values, "env");
    const timeoutMs = lockTimeoutMs(stringFlag(values, "lock-timeout"));
    // CDKTF reads SYNTH_HCL_OUTPUT itself (`cdktf synth --hcl` sets it) and would then write HCL, not cdk.tf.json.
    const hcl = io.env.SYNTH_HCL_OUTPUT;
    if (hcl === "true" || hcl === "1") {
      throw usageError(`SYNTH_HCL_OUTPUT=${hcl} asks CDKTF for HCL; synth writes Terraform JSON (cdk.tf.json) only: unset it (with the CDKTF CLI, run cdktf synth without --hcl).`);
    }
    // `terraform version` runs in its own process while this one loads, validates and builds the stacks.
    const terraform = prefetchTerraformVersion();

    const loaded = await loadConfigArgument(given, io);
    // One stack per environment, each merged onto the base; a file without `environments:` is one
    // stack named after the file (`contact-center.yaml` → `contact-center`).
    let sources = resolveEnvironments(loaded);
    const stack = stringFlag(values, "stack");
    if (stack !== undefined) {
      if (sources.some((s) => s.environment !== undefined)) throw usageError(`--stack names the stack of a file without environments; ${given}'s stacks are its environments (pick one with --env).`);
      if (!STACK_NAME.test(stack)) throw usageError(`--stack ${quote(stack, 60)}: a stack name uses only letters, digits, _, . and - (it names a folder).`);
      sources = sources.map((s) => ({ ...s, name: stack }));
    } else if (given === "-" && sources.some((s) => s.environment === undefined)) {
      throw usageError("synth - needs --stack NAME: a config from standard input has no file name to name its stack (and its state) after.");
    }
    if (env !== undefined) {
      const picked = sources.filter((s) => (s.environment ?? s.name) === env);
      if (picked.length === 0) {
        const known = sources.map((s) => s.environment ?? s.name).join(", ");
        throw usageError(`--env ${env}: ${given} has no such environment (it has: ${known}).${didYouMean(env, sources.map((s) => s.environment ?? s.name))}`);
      }
      sources = picked;
    }

    const findings: Finding[] = [];
    // Validated once, here: only valid configs become stacks.
    for (const s of sources) findings.push(...validateEnvironment(s, io.now ? { now: io.now() } : {}).findings);
    const errors = findings.filter((f) => f.severity === "error");
    for (const line of findingLines(findings, paintFor(io, "stderr"))) io.stderr.write(`${line}\n`);
    if (errors.length > 0) {
      io.stderr.write(`${given}: ${plural(errors.length, "error")}; nothing was written to ${shownPath(outDir, io.cwd)}.\n`);
      return EXIT.failed;
    }

    // The probe's answer is awaited only once the stacks are built, before anything is written: its
    // ~0.1 s then never delays the synth, and a Terraform too old still leaves the output as it was.
    const beforeSwap = async (stacks: readonly GenesysEmailStack[]) => {
      const problem = terraformProblem(await terraform, stacks.flatMap((s) => s.email.terraformNeeds));
      if (problem?.severity === "error") throw new TerraformTooOld(problem.message);
      if (problem) io.stderr.write(`WARN ${problem.message}\n`);
    };

    const source = given === "-" ? STDIN_LABEL : resolve(io.cwd, given);
    let written: SynthesizedStack[];
    try {
      written = await synthesize({
        outDir,
        stacks: sources.map((s) => ({
          name: s.name,
          config: s.data as EmailConfigInput,
          ...(s.environment !== undefined ? { environment: s.environment } : {}),
          sourceFile: source,
          ...(io.now ? { now: io.now() } : {}),
        })),
        ...(timeoutMs !== undefined ? { lockTimeoutMs: timeoutMs } : {}),
        checkTerraformVersion: false,
        beforeSwap,
        onWait: (holder) => io.stderr.write(`Waiting for another synth writing ${shownPath(outDir, io.cwd)}${holder ? ` (pid ${holder.pid})` : ""}...\n`),
      });
    } catch (error) {
      if (error instanceof TerraformTooOld) {
        io.stderr.write(`ERROR ${error.message}\n${given}: nothing was written to ${shownPath(outDir, io.cwd)}.\n`);
        return EXIT.failed;
      }
      throw synthExitError(error, { out: outDir, cwd: io.cwd }) ?? error;
    }
    for (const s of written) io.stdout.write(`${s.name}: ${shownPath(s.file, io.cwd)}\n`);
    return EXIT.ok;
  },
};
