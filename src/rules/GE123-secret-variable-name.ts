import { allMailboxes } from "../model/mailbox";
import { ENV_NAME } from "../model/env-name";
import type { FieldPath } from "../model/path";
import type { Rule, Violation } from "./rule";

/**
 * What is wrong with a name, without repeating any of it: a value that is not a variable name is often
 * the secret itself, pasted where its variable's name belongs.
 */
function whatIsWrong(name: string): string {
  if (name === "") return "it is empty";
  if (/^[0-9]/.test(name) && ENV_NAME.test(`_${name}`)) return "it starts with a digit";
  return "it contains characters other than letters, digits and _";
}

export const secretVariableName: Rule = {
  id: "GE123",
  name: "secret-variable-name",
  severity: "error",
  description: "A secret reference names an environment variable: letters, digits and `_`, not starting with a digit.",
  fix: "put the name of the environment variable that holds the secret here, e.g. SUPPORT_MAILBOX_PASSWORD (if you pasted the secret itself, rotate it)",
  source: "POSIX.1-2017 Base Definitions, section 8.1 (environment variable names)",
  suppressible: false,
  check: (config) => {
    const refs: Array<{ env: string; path: FieldPath }> = [];
    for (const { mailbox, path } of allMailboxes(config)) {
      if (mailbox.password) refs.push({ env: mailbox.password.env, path: [...path, "password", "env"] });
    }
    if (config.application.clientSecret) refs.push({ env: config.application.clientSecret.env, path: ["application", "clientSecret", "env"] });
    const violations: Violation[] = [];
    for (const ref of refs) {
      if (!ENV_NAME.test(ref.env)) {
        violations.push({
          path: ref.path,
          message: `env must name an environment variable, and ${whatIsWrong(ref.env)}; the value is not shown, in case it is the secret itself.`,
        });
      }
    }
    return violations;
  },
};
