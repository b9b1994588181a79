import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

export interface PackageInfo {
  readonly version: string;
  readonly informationUri?: string;
}

let cached: PackageInfo | undefined;

/** The nearest package.json above this module (src/ in tests, dist/src/ when built). */
export function packageInfo(): PackageInfo {
  if (cached) return cached;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, "utf8")) as { version: string; homepage?: string };
      return (cached = { version: pkg.version, ...(pkg.homepage ? { informationUri: pkg.homepage } : {}) });
    }
    if (dirname(dir) === dir) return (cached = { version: "0.0.0" });
  }
}
