import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { EXIT, ExitError } from "./errors";
import { packageRoot } from "./package-info";

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

function installedVersion(name: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(requireHere.resolve(`${name}/package.json`), "utf8")) as { version?: unknown }).version as string | undefined;
  } catch {
    return undefined;
  }
}

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
  for (const [name, version] of Object.entries(versions)) if (installedVersion(name) !== version) return null;
  const file = join(__dirname, "cdktf.js");
  try {
    return requireHere(file) as BundledCdktf;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND" && String((error as Error).message).split("\n")[0]!.includes(file)) return null;
    throw error;
  }
}

/** The exit-2 error for a peer dependency that is not installed, naming the install command with the ranges. */
function notInstalled(request: string): ExitError {
  const root = packageRoot();
  let peers: Record<string, string> = {};
  try {
    if (root !== undefined) peers = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { peerDependencies?: Record<string, string> }).peerDependencies ?? {};
  } catch {}
  const name = /^(@[^/]+\/[^/]+|[^/]+)/.exec(request)![1]!;
  const install = Object.entries(peers).map(([peer, range]) => `${peer}@${range}`).join(" ");
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
