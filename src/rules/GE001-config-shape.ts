import type { Rule } from "./rule";

/**
 * Reported by the engine for schema problems no other rule owns: an unknown
 * field, a wrong type, a missing required field. Never echoes the value found,
 * which could be a secret typed into the wrong place.
 */
export const configShape: Rule = {
  id: "GE001",
  name: "config-shape",
  severity: "error",
  description: "The config has the documented shape: known fields only, each of the right type, required fields present.",
  fix: "compare the field with the documented config shape (docs/configuration.md)",
  source: "genesys-email-iac config schema (src/model/config.ts)",
  suppressible: false,
  check: () => [],
};
