import type { Rule, Violation } from "./rule";
import { quote } from "../text/terminal";
import { formatPath } from "../model/path";

export const mailboxNameUnique: Rule = {
  id: "GE103",
  name: "mailbox-name-unique",
  severity: "error",
  description: "Inbound Mailbox Names are unique (compared case-insensitively).",
  fix: "give each inbound mailbox its own name",
  source: "Genesys Agent Setup, Email addresses and mailboxes: a Mailbox Name identifies the mailbox",
  suppressible: false,
  check: (config) => {
    const firstIndex = new Map<string, number>();
    const violations: Violation[] = [];
    config.mailboxes.inbound.forEach((m, i) => {
      const key = m.name.toLowerCase();
      const first = firstIndex.get(key);
      if (first === undefined) firstIndex.set(key, i);
      else
        violations.push({
          path: ["mailboxes", "inbound", i, "name"],
          message: `Mailbox Name ${quote(m.name)} is already used by ${formatPath(["mailboxes", "inbound", first])}; inbound Mailbox Names must be unique.`,
        });
    });
    return violations;
  },
};
