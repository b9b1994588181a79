"use strict";
// In-process validation: load the file, merge each environment, validate it (what
// `genesys-email validate` does after start-up), `runs` times in one process.
// Prints the times in ms as JSON. The first run includes the modules' first-call costs.
//   node bench/lib/validate-in-process.js <config.yaml> <runs>
const path = require("node:path");

const [file, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 5);
const { loadAndValidateEnvironments } = require(path.join(__dirname, "..", "..", "dist", "src", "cli", "load-and-validate"));
const times = [];
let errors = 0;
for (let i = 0; i < runs; i++) {
  const start = process.hrtime.bigint();
  const { environments } = loadAndValidateEnvironments(file);
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
  errors = environments.reduce((n, e) => n + e.result.errors.length, 0);
}
if (errors > 0) {
  process.stderr.write(`${file} has ${errors} errors\n`);
  process.exitCode = 1;
}
process.stdout.write(`${JSON.stringify(times)}\n`);
