import { formatPath } from "../model/path";
import { allMailboxes } from "../model/mailbox";
import type { Rule, Violation } from "./rule";
import { quote } from "../text/terminal";
import { ENV_NAME } from "../model/env-name";

export const testMailboxOwnCredential: Rule = {
  id: "GE116",
  name: "test-mailbox-own-credential",
  severity: "error",
  description: "The test mailbox has its own credential: no other mailbox shares its login or its password reference.",
  fix: "give the test mailbox its own account and its own password variable",
  source: "Genesys Agent Setup, Migrating existing mailboxes: \"This test mailbox must also have its own credential.\"",
  suppressible: true,
  check: (config) => {
    const all = allMailboxes(config);
    const tests = all.filter((l) => l.mailbox.testMailbox);
    if (tests.length !== 1) return [];
    const test = tests[0]!;
    const violations: Violation[] = [];
    for (const other of all) {
      if (other === test) continue;
      if (other.mailbox.mailbox.toLowerCase() === test.mailbox.mailbox.toLowerCase()) {
        violations.push({ path: [...test.path, "mailbox"], message: `The test mailbox's login ${quote(test.mailbox.mailbox)} is also used by ${formatPath(other.path)}.` });
      }
      const a = test.mailbox.password?.env;
      if (a !== undefined && a === other.mailbox.password?.env) {
        // Only a real variable name is shown: anything else may be a pasted secret (GE123 reports it).
        const shown = ENV_NAME.test(a) ? `${a} ` : "";
        violations.push({ path: [...test.path, "password", "env"], message: `The test mailbox's password variable ${shown}is also used by ${formatPath(other.path)}.` });
      }
    }
    return violations;
  },
};
