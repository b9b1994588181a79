import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { EXIT, ExitError } from "./errors";
import { installedPackage, packageInfo } from "./package-info";

/**
 * CDKTF for the bundled command line. bin/genesys-email runs dist/bundle/cli.js (scripts/bundle.js), where every
 * import of `cdktf`, `constructs` or a provider module comes here. Beside it, dist/bundle/cdktf.js holds those
 * packages, the modules synth uses, in one file: node reads one file instead of about 390, which is most of the time
 * a synth spends loading CDKTF (docs/performance.md).
 *
 * That copy is used only when the installed packages (the peer dependencies) are the very versions it was built
 * from, as dist/bundle/cdktf-versions.json lists them, and GENESYS_EMAIL_BUNDLED_CDKTF is not `0` (for installed
 * packages that carry local patches under the same version). Otherwise every module comes from the installed
 * packages, as for the construct library and `cdktf synth`. Either way the same code runs: the Terraform written never
 * depends on how it was loaded. The choice is made once, for all modules: one process never mixes the two.
 */

/** What scripts/bundle.js writes into dist/bundle/cdktf.js: each module by the name the code imports it by. */
interface BundledCdktf {
  readonly modules: Readonly<Record<string, () => unknown>>;
}

const requireHere = createRequire(__filename);
let bundled: BundledCdktf | null | undefined;

/** The bundled copy, when it is there, wanted, and every package in it is the installed version; else null. */
function loadBundled(): BundledCdktf | null {
  const wanted = process.env.GENESYS_EMAIL_BUNDLED_CDKTF;
  if (wanted === "0" || wanted === "false") return null;
  let versions: Record<string, string>;
  try {
    versions = (JSON.parse(readFileSync(join(__dirname, "cdktf-versions.json"), "utf8")) as { versions: Record<string, string> }).versions;
  } catch {
    return null;
  }
  for (const [name, version] of Object.entries(versions)) if (installedPackage(name)?.version !== version) return null;
  const file = join(__dirname, "cdktf.js");
  return existsSync(file) ? (requireHere(file) as BundledCdktf) : null;
}

/** The exit-2 error for a peer dependency that is not installed, naming the install command with the ranges. */
function notInstalled(request: string): ExitError {
  const name = /^(@[^/]+\/[^/]+|[^/]+)/.exec(request)![1]!;
  const install = Object.entries(packageInfo().peerDependencies).map(([peer, range]) => `${peer}@${range}`).join(" ");
  return new ExitError(
    EXIT.usage,
    `synth needs ${name}, a peer dependency of genesys-email-iac, and it is not installed here: install the peer dependencies beside genesys-email-iac${install ? ` (npm install ${install})` : ""}.`,
  );
}

/** `require(request)` for a CDKTF, constructs or provider module: from the bundled copy when it matches, else installed. */
export function cdktfModule(request: string): unknown {
  if (bundled === undefined) bundled = loadBundled();
  if (bundled) {
    const load = bundled.modules[request];
    if (!load) throw new Error(`dist/bundle/cdktf.js has no ${request}: it comes from another build than dist/bundle/cli.js; run npm run build.`);
    return load();
  }
  try {
    return requireHere(request);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND" && String((error as Error).message).split("\n")[0]!.includes(`'${request}'`)) throw notInstalled(request);
    throw error;
  }
}
