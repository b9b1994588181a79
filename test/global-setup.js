// Tests that spawn bin/genesys-email need dist/ to match the sources: build it once per run.
// Type errors are reported by `tsc --noEmit` in `npm test`; tsc still emits, so they don't block the build here.
const { spawnSync } = require("node:child_process");
const { join } = require("node:path");
module.exports = async () => {
  const r = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: join(__dirname, ".."), encoding: "utf8" });
  if (r.status !== 0 && r.status !== 2) throw new Error(`building dist/ failed:\n${r.stdout}${r.stderr}`);
  // bin/genesys-email runs the bundled command line (dist/bundle, built from the sources).
  const b = spawnSync(process.execPath, [join(__dirname, "../scripts/bundle.js")], { encoding: "utf8" });
  if (b.status !== 0) throw new Error(`bundling the command line failed:\n${b.stdout}${b.stderr}`);
};
