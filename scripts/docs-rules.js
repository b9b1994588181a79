// Writes RULES.md from the rule registry (run after `npm run build`).
const { writeFileSync } = require("node:fs");
const { join } = require("node:path");
const { renderRulesMarkdown } = require("../dist/src/rules/docs");
writeFileSync(join(__dirname, "..", "RULES.md"), renderRulesMarkdown());
