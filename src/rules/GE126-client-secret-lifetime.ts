import { MAX_SECRET_LIFETIME_DAYS } from "../model/config";
import type { Rule } from "./rule";
import { wholeRangeProblem } from "./private/number-range";

export const clientSecretLifetime: Rule = {
  id: "GE126",
  name: "client-secret-lifetime",
  severity: "error",
  description: `application.clientSecretLifetimeDays is a whole number of days from 1 to ${MAX_SECRET_LIFETIME_DAYS}.`,
  fix: "use 180 (the default) or at most 365, and rotate before it ends",
  source: "Microsoft Entra: client secrets expire after at most 24 months",
  suppressible: false,
  check: (config) => {
    const problem = wholeRangeProblem(config.application.clientSecretLifetimeDays, { min: 1, max: MAX_SECRET_LIFETIME_DAYS });
    return problem === undefined
      ? []
      : [{ path: ["application", "clientSecretLifetimeDays"], message: `Client secret lifetime must be a whole number of days from 1 to ${MAX_SECRET_LIFETIME_DAYS}; ${problem}.` }];
  },
};
