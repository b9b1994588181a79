import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

/**
 * CDKTF for the bundled command line. bin/genesys-email runs dist/bundle/cli.js (scripts/bundle.js), where every
 * import of `cdktf`, `constructs` or a provider module comes here. Beside it, dist/bundle/cdktf.js holds those
 * packages, the modules synth uses, in one file: node reads one file instead of about 390, which is most of the time
 * a synth spends loading CDKTF (docs/performance.md).
 *
 * That copy is used only when the installed packages (the peer dependencies) are the very versions it was built
 * from, as dist/bundle/cdktf-versions.json lists them. Otherwise (another cdktf or provider version, or no bundle)
 * synth loads the installed packages, as the construct library and `cdktf synth` do. Either way the same code
 * runs: the Terraform written never depends on how it was loaded.
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

/** The bundled copy, when it exists and every package in it is the installed version; else null. */
function loadBundled(): BundledCdktf | null {
  let versions: Record<string, string>;
  try {
    versions = (JSON.parse(readFileSync(join(__dirname, "cdktf-versions.json"), "utf8")) as { versions: Record<string, string> }).versions;
  } catch {
    return null;
  }
  for (const [name, version] of Object.entries(versions)) if (installedVersion(name) !== version) return null;
  return requireHere(join(__dirname, "cdktf.js")) as BundledCdktf;
}

/** `require(request)` for a CDKTF, constructs or provider module: the bundled copy when it matches, else the installed package. */
export function cdktfModule(request: string): unknown {
  if (bundled === undefined) bundled = loadBundled();
  const bundledModule = bundled?.modules[request];
  return bundledModule ? bundledModule() : requireHere(request);
}
