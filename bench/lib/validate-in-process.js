"use strict";
// In-process validation: load the file, merge each environment, validate it (what
// `genesys-email validate` does after start-up), `runs` times in one process.
// Prints the times in ms as JSON. The first run includes the modules' first-call costs.
//   node bench/lib/validate-in-process.js <config.yaml> <runs>
const path = require("node:path");

const [file, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 5);
const DIST = path.join(__dirname, "..", "..", "dist", "src");
require(path.join(DIST, "..", "cli", "zod-without-jit")).zodWithoutJit(); // as the CLI runs it
const { loadConfigFile } = require(path.join(DIST, "config", "load"));
const { resolveEnvironments, validateEnvironment } = require(path.join(DIST, "config", "environments"));
const times = [];
let errors = 0;
for (let i = 0; i < runs; i++) {
  const start = process.hrtime.bigint();
  const results = resolveEnvironments(loadConfigFile(file)).map((env) => validateEnvironment(env));
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
  errors = results.reduce((n, r) => n + r.errors.length, 0);
}
if (errors > 0) {
  process.stderr.write(`${file} has ${errors} errors\n`);
  process.exitCode = 1;
}
process.stdout.write(`${JSON.stringify(times)}\n`);
