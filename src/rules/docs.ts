import { mdTable } from "../text/markdown";
import { RULES } from "./index";

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, " ");
import { MIN_SUPPRESSION_REASON } from "./GE002-invalid-suppression";


/** RULES.md: the table of every rule, generated from the registry (a test keeps the committed file current). */
export function renderRulesMarkdown(): string {
  const lines = [
    "# Rules",
    "",
    "Generated from `src/rules/` by `npm run docs:rules`; do not edit by hand.",
    "",
    "Every finding names its rule ID, the field path and a fix. `GE0xx` belong to the engine, `GE1xx` are errors (they fail `validate` and block synth), `GE2xx` are warnings (they never fail `validate`).",
    "",
    "## Suppressing a rule",
    "",
    `A suppression names the rule and says why, in at least ${MIN_SUPPRESSION_REASON} characters. At the top level it silences the rule everywhere; inside a mailbox it silences it for that mailbox only. Rules marked *no* cannot be suppressed: they guard a secret or the correctness of the output. A suppression that matches nothing is reported (GE003).`,
    "",
    "```yaml",
    "suppressions:",
    "  - { id: GE202, reason: Moving to GRAPH before 2026-10-01, tracked in CHG-1234 }",
    "mailboxes:",
    "  inbound:",
    "    - name: legacy",
    "      suppressions:",
    "        - { id: GE201, reason: On-premises Exchange 2016 still accepts basic auth }",
    "```",
    "",
    // The rules' texts are Markdown written here (code spans included), one line each: mdTable escapes their pipes.
    ...mdTable(
      ["ID", "name", "severity", "suppressible", "what it checks", "fix", "source"],
      RULES.map((r) => [r.id, r.name, r.severity, r.suppressible ? "yes" : "no", oneLine(r.description), oneLine(r.fix), oneLine(r.source)]),
    ),
  ];
  return `${lines.join("\n")}\n`;
}
