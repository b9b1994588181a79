/**
 * The app of `cdktf.json`, for CDKTF CLI users (`cdktf synth`, `cdktf deploy`):
 * synthesizes GENESYS_EMAIL_CONFIG (default: examples/contact-center.yaml) into the folder the
 * CLI names in CDKTF_OUTDIR. `genesys-email synth` does the same atomically, without the CDKTF CLI.
 */
import { loadConfigFile } from "../src/config/load";
import type { EmailConfigInput } from "../src/model/config";
import { validate } from "../src/rules/engine";
import { formatFinding } from "../src/rules/finding";
import { buildApp, stackNameFromFile } from "./synthesize";

export const DEFAULT_CONFIG_FILE = "examples/contact-center.yaml";

export function main(env: NodeJS.ProcessEnv = process.env): number {
  const file = env.GENESYS_EMAIL_CONFIG ?? DEFAULT_CONFIG_FILE;
  const loaded = loadConfigFile(file);
  const result = validate(loaded.data, { locate: loaded.locate });
  for (const f of result.findings) process.stderr.write(`${formatFinding(f)}\n`);
  if (result.errors.length > 0) return 1;
  const { app } = buildApp({ outDir: env.CDKTF_OUTDIR ?? "cdktf.out", stacks: [{ name: stackNameFromFile(file), config: loaded.data as EmailConfigInput }] });
  app.synth();
  return 0;
}

if (require.main === module) process.exitCode = main();
