import { isAbsolute, relative, resolve } from "node:path";
import { parseCommandArgs, stringFlag } from "../args";
import { EXIT, usageError } from "../errors";
import type { CliIO } from "../io";
import type { Command } from "../command";
import { loadFile, validateEnvironment } from "../load-and-validate";
import { resolveEnvironments } from "../../src/config/environments";
import type { EmailConfigInput } from "../../src/model/config";
import { describeFinding, type Finding } from "../../src/rules/finding";
import { prefetchTerraformVersion, terraformDataProblem } from "../../src/terraform/version";

/** Paths are resolved against the command's working directory (io.cwd), shown relative to it. */
function shown(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}

export const command: Command = {
  usage: [
    "Usage: genesys-email synth <file> [--out DIR] [--env NAME]",
    "",
    "Validates the file, then writes DIR/stacks/<stack>/cdk.tf.json (DIR defaults to cdktf.out).",
    "A file without environments is one stack named after the file (contact-center.yaml -> contact-center);",
    "--env NAME synthesizes one environment only.",
    "Each stack folder is replaced as a whole, only after every stack synthesized: a config with errors",
    "leaves DIR untouched. Terraform's own files in a stack folder (state, .terraform) are kept.",
    "Needs no network and no Azure credentials.",
    "Exit codes: 0 written (warnings allowed), 1 errors found (nothing written), 2 usage or file problems.",
  ].join("\n"),
  async run(args: string[], io: CliIO) {
    const { values, positionals } = parseCommandArgs(args, { out: { type: "string" }, env: { type: "string" } }, "synth");
    if (positionals.length !== 1) throw usageError("synth takes exactly one config file.");
    const given = positionals[0]!;
    const file = isAbsolute(given) || io.cwd === process.cwd() ? given : resolve(io.cwd, given);
    const outDir = resolve(io.cwd, stringFlag(values, "out") ?? "cdktf.out");
    const env = stringFlag(values, "env");
    // CDKTF reads SYNTH_HCL_OUTPUT itself (`cdktf synth --hcl` sets it) and would then write HCL, not cdk.tf.json.
    const hcl = io.env.SYNTH_HCL_OUTPUT;
    if (hcl === "true" || hcl === "1") {
      throw usageError(`SYNTH_HCL_OUTPUT=${hcl} asks CDKTF for HCL; synth writes Terraform JSON (cdk.tf.json) only: unset it (with the CDKTF CLI, run cdktf synth without --hcl).`);
    }
    // `terraform version` runs in its own process while this one loads and validates the config.
    const terraform = prefetchTerraformVersion();

    const loaded = loadFile(file);
    // One stack per environment, each merged onto the base; a file without `environments:` is one
    // stack named after the file (`contact-center.yaml` → `contact-center`).
    let sources = resolveEnvironments(loaded);
    if (env !== undefined) {
      const picked = sources.filter((s) => (s.environment ?? s.name) === env);
      if (picked.length === 0) {
        const known = sources.map((s) => s.environment ?? s.name).join(", ");
        throw usageError(`--env ${env}: ${given} has no such environment (it has: ${known}).`);
      }
      sources = picked;
    }

    const findings: Finding[] = [];
    // Validated once, here: only valid configs become stacks.
    for (const s of sources) findings.push(...validateEnvironment(s).findings);
    const errors = findings.filter((f) => f.severity === "error");
    for (const f of findings) io.stderr.write(`${describeFinding(f)}\n`);
    if (errors.length > 0) {
      io.stderr.write(`${given}: ${errors.length} error${errors.length === 1 ? "" : "s"}; nothing was written to ${shown(outDir, io.cwd)}.\n`);
      return EXIT.failed;
    }

    const problem = terraformDataProblem(await terraform);
    if (problem?.severity === "error") {
      io.stderr.write(`ERROR ${problem.message}\n${given}: nothing was written to ${shown(outDir, io.cwd)}.\n`);
      return EXIT.failed;
    }
    if (problem) io.stderr.write(`WARN ${problem.message}\n`);

    // CDKTF is loaded only here: validate and the other commands never pay for it.
    const { synthesize } = require("../synth/synthesize") as typeof import("../synth/synthesize");
    const written = synthesize({ outDir, stacks: sources.map((s) => ({ name: s.name, config: s.data as EmailConfigInput })) });
    for (const s of written) io.stdout.write(`${s.name}: ${shown(s.file, io.cwd)}\n`);
    return EXIT.ok;
  },
};
