// One way for every generated file in the repository (the config schema, docs/configuration.md, RULES.md): write it, or with
// --check say that the committed copy is not what the generator writes (exit 1).
const { readFileSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");

const ROOT = join(__dirname, "..");

function writeOrCheck(relativePath, text, howToRegenerate) {
  const target = join(ROOT, relativePath);
  if (!process.argv.includes("--check")) {
    writeFileSync(target, text);
    return;
  }
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {}
  if (current !== text) {
    process.stderr.write(`${relativePath} is not current: run ${howToRegenerate} and commit it.\n`);
    process.exitCode = 1;
  }
}

module.exports = { writeOrCheck };
