import { needsClientSecret } from "../model/mailbox";
import { MAX_SECRET_LIFETIME_DAYS } from "../model/config";
import { rotationProblem, secretRotation } from "../model/secret-rotation";
import type { Rule } from "./rule";
import { wholeRangeProblem } from "./private/number-range";

/**
 * Two secret slots take turns (src/model/secret-rotation.ts): a new secret every rotation period, each valid for the
 * lifetime. Unless the period is shorter than the lifetime, the newest secret expires before the next one exists.
 * Only for a secret the stack creates: a GRAPH mailbox on a new app registration.
 */
export const clientSecretRotation: Rule = {
  id: "GE130",
  name: "client-secret-rotation",
  severity: "error",
  description: "application.clientSecretRotationDays is a whole number of days, at least 1 and less than clientSecretLifetimeDays, so a valid client secret always exists.",
  fix: "leave clientSecretRotationDays out (half the lifetime), or set it below clientSecretLifetimeDays with room to give Genesys the new secret",
  source: "azuread provider, azuread_application_password rotate_when_changed with time_rotating; two staggered secrets keep one valid",
  suppressible: false,
  check: (config) => {
    const { clientSecretLifetimeDays: life, clientSecretRotationDays: every, clientId } = config.application;
    if (clientId !== undefined || !needsClientSecret(config)) return [];
    // A lifetime GE126 refuses is its finding alone.
    if (wholeRangeProblem(life, { min: 1, max: MAX_SECRET_LIFETIME_DAYS }) !== undefined) return [];
    const problem = rotationProblem(secretRotation(config));
    if (problem === undefined) return [];
    return every === undefined
      ? [{ path: ["application", "clientSecretLifetimeDays"], message: `Client secrets rotate with overlap: ${problem}.` }]
      : [{ path: ["application", "clientSecretRotationDays"], message: `Client secret rotation must be a whole number of days from 1 to ${life - 1} (less than the ${life}-day lifetime); ${problem}.` }];
  },
};
