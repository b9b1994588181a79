import type { Rule } from "./rule";

/** Reported by the engine: a suppression that silenced nothing is stale and hides the next real finding. */
export const unusedSuppression: Rule = {
  id: "GE003",
  name: "unused-suppression",
  severity: "warning",
  description: "Every suppression silences at least one finding.",
  fix: "remove the suppression (the finding it was written for is gone)",
  source: "genesys-email-iac: stale suppressions hide future findings",
  suppressible: false,
  check: () => [],
};
