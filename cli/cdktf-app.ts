/**
 * The app of `cdktf.json`, for CDKTF CLI users (`npx cdktf synth`): runs `genesys-email synth`
 * on GENESYS_EMAIL_CONFIG (default examples/contact-center.yaml), one environment when
 * GENESYS_EMAIL_ENV names it, into the folder the CDKTF CLI names in CDKTF_OUTDIR. Same
 * validation, findings, environments, lock and state-keeping swap as the command; its exit code.
 */
import { run } from "./index";
import type { CliIO } from "./io";

export const DEFAULT_CONFIG_FILE = "examples/contact-center.yaml";

/** The `genesys-email` arguments the CDKTF CLI's environment stands for. */
export function cdktfAppArgs(env: CliIO["env"]): string[] {
  const environment = env.GENESYS_EMAIL_ENV;
  return [
    "synth",
    env.GENESYS_EMAIL_CONFIG || DEFAULT_CONFIG_FILE,
    "--out",
    env.CDKTF_OUTDIR || "cdktf.out",
    ...(environment ? ["--env", environment] : []),
  ];
}

if (require.main === module) run(cdktfAppArgs(process.env));
