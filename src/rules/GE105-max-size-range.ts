import type { Rule } from "./rule";
import { wholeRangeProblem } from "./private/number-range";

export const MIN_MAX_SIZE_MB = 5;
export const MAX_MAX_SIZE_MB = 20;

export const maxSizeRange: Rule = {
  id: "GE105",
  name: "max-size-range",
  severity: "error",
  description: `An inbound mailbox's Max size is a whole number of MB from ${MIN_MAX_SIZE_MB} to ${MAX_MAX_SIZE_MB}.`,
  fix: `set maxSizeMb to a whole number from ${MIN_MAX_SIZE_MB} to ${MAX_MAX_SIZE_MB} (default 5)`,
  source: "Genesys Agent Setup, inbound mailbox form: Max size, minimum = 5, maximum = 20, default 5",
  suppressible: true,
  check: (config) =>
    config.mailboxes.inbound.flatMap((m, i) => {
      const problem = wholeRangeProblem(m.maxSizeMb, { min: MIN_MAX_SIZE_MB, max: MAX_MAX_SIZE_MB });
      return problem === undefined
        ? []
        : [{ path: ["mailboxes", "inbound", i, "maxSizeMb"], message: `Max size must be a whole number of MB from ${MIN_MAX_SIZE_MB} to ${MAX_MAX_SIZE_MB}; ${problem}.` }];
    }),
};
