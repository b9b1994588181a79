import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

export interface PackageInfo {
  readonly version: string;
  readonly informationUri?: string;
  /** The peer dependencies (cdktf, constructs, the providers) and their ranges. */
  readonly peerDependencies: Readonly<Record<string, string>>;
}

let cached: PackageInfo | undefined;

/** The folder of the nearest package.json above this module (the package root, from cli/ or dist/cli/); undefined if none. */
export function packageRoot(): string | undefined {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The nearest package.json above this module (src/ in tests, dist/src/ when built). */
export function packageInfo(): PackageInfo {
  if (cached) return cached;
  const root = packageRoot();
  if (root === undefined) return (cached = { version: "0.0.0", peerDependencies: {} });
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string; homepage?: string; peerDependencies?: Record<string, string> };
  return (cached = { version: pkg.version, ...(pkg.homepage ? { informationUri: pkg.homepage } : {}), peerDependencies: pkg.peerDependencies ?? {} });
}

/** An installed package's package.json (resolved from here), read as a file: the package itself is never loaded. */
export function installedPackage(name: string): { version?: string; cdktf?: { provider?: { version?: string } } } | undefined {
  try {
    return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")) as { version?: string };
  } catch {
    return undefined;
  }
}
