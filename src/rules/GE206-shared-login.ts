import { formatPath } from "../model/path";
import type { Rule, Violation } from "./rule";
import { quote } from "../text/terminal";

export const sharedLogin: Rule = {
  id: "GE206",
  name: "shared-login",
  severity: "warning",
  description: "Two inbound mailboxes read the same account: each message would be taken in twice, or they race to delete it.",
  fix: "give each inbound mailbox its own account",
  source: "Genesys Agent Setup: Mailbox is the login name of one POP/IMAP account",
  suppressible: true,
  check: (config) => {
    const seen = new Map<string, number>();
    const violations: Violation[] = [];
    config.mailboxes.inbound.forEach((m, i) => {
      const key = `${m.mailbox.toLowerCase()}@${m.server.host.toLowerCase()}`;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, i);
      else violations.push({ path: ["mailboxes", "inbound", i, "mailbox"], message: `Login ${quote(m.mailbox)} on ${quote(m.server.host)} is also read by ${formatPath(["mailboxes", "inbound", first])}.` });
    });
    return violations;
  },
};
