import type { Rule, Violation } from "./rule";
import { quote } from "../text/terminal";
import { EMAIL } from "../model/email";

export const emailAddress: Rule = {
  id: "GE118",
  name: "email-address",
  severity: "error",
  description: "From addresses and the outbound From address are valid email addresses.",
  fix: "write the address as name@domain.tld",
  source: "Genesys Agent Setup, Add From addresses: the Name is the email address agents send from",
  suppressible: true,
  check: (config) => {
    const violations: Violation[] = [];
    const outbound = config.mailboxes.outbound;
    if (outbound && !EMAIL.test(outbound.fromAddress)) {
      violations.push({ path: ["mailboxes", "outbound", "fromAddress"], message: `From Address must be a valid email address; ${quote(outbound.fromAddress)} is not.` });
    }
    config.fromAddresses?.addresses.forEach((a, i) => {
      if (!EMAIL.test(a.name)) {
        violations.push({ path: ["fromAddresses", "addresses", i, "name"], message: `From address must be a valid email address; ${quote(a.name)} is not.` });
      }
    });
    return violations;
  },
};
