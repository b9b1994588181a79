// Writes RULES.md from the rule registry (run after `npm run build`); with --check, says whether it is current.
const { renderRulesMarkdown } = require("../dist/src/rules/docs");
require("./generated-file.js").writeOrCheck("RULES.md", renderRulesMarkdown(), "npm run docs:rules");
