import { allMailboxes } from "../model/mailbox";
import type { FieldPath } from "../model/path";
import type { Rule, Violation } from "./rule";
import { quote } from "../text/terminal";

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const secretVariableName: Rule = {
  id: "GE123",
  name: "secret-variable-name",
  severity: "error",
  description: "A secret reference names an environment variable: letters, digits and `_`, not starting with a digit.",
  fix: "use a variable name such as SUPPORT_MAILBOX_PASSWORD",
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
      if (!ENV_NAME.test(ref.env)) violations.push({ path: ref.path, message: `Environment variable name ${quote(ref.env, 40)} is not valid.` });
    }
    return violations;
  },
};
