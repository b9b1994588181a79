// Tests that spawn bin/genesys-email need dist/ to match the sources: build it once per run.
const { execFileSync } = require("node:child_process");
module.exports = async () => {
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: __dirname + "/..", stdio: "inherit" });
};
