"use strict";
// The least any `validate` built on zod and yaml does, for comparison with the whole command: load both
// libraries, parse the file with yaml (the options src/config/load.ts uses), and check each environment's
// document against the config's zod schema. No rules, no merging, no positions, no CLI, no output.
//   node bench/lib/validate-floor.js <config.yaml>
const fs = require("node:fs");
const path = require("node:path");

require("zod").z.config({ jitless: true }); // as the CLI runs it
const { LineCounter, parseDocument } = require("yaml");
const { emailConfigSchema } = require(path.join(__dirname, "..", "..", "dist", "src", "model", "config"));

const text = fs.readFileSync(process.argv[2], "utf8");
const data = parseDocument(text, { lineCounter: new LineCounter(), uniqueKeys: true, prettyErrors: true, strict: true }).toJS({ maxAliasCount: 1000 });
const { environments = {}, ...base } = data;
let failures = 0;
for (const name of Object.keys(environments).length > 0 ? Object.keys(environments) : [""]) {
  // The overrides are not merged (that is the command's work); the base document is checked once per environment.
  if (!emailConfigSchema.safeParse(base).success) failures++;
}
if (failures > 0) process.exitCode = 1;
