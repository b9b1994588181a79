import type { Rule } from "./rule";

export const MIN_SUPPRESSION_REASON = 10;

/** Reported by the engine: a suppression must name a known, suppressible rule and say why (as cdk-nag requires). */
export const invalidSuppression: Rule = {
  id: "GE002",
  name: "invalid-suppression",
  severity: "error",
  description: `A suppression names a known, suppressible rule ID and gives a reason of at least ${MIN_SUPPRESSION_REASON} characters.`,
  fix: "write { id: GE###, reason: why this is acceptable here } with a real reason",
  source: "cdk-nag suppression rules (NagPack.ignoreRule), adopted by genesys-email-iac",
  suppressible: false,
  check: () => [],
};
