import { formatPath } from "../model/path";
import type { Rule, Violation } from "./rule";
import { quote } from "../text/terminal";

export const fromAddressUnique: Rule = {
  id: "GE119",
  name: "from-address-unique",
  severity: "error",
  description: "From addresses are unique, compared case-insensitively (email domains are case-insensitive).",
  fix: "remove the duplicate address",
  source: "Genesys Agent Setup, Add From addresses: each is a Business Attribute value",
  suppressible: true,
  check: (config) => {
    const seen = new Map<string, number>();
    const violations: Violation[] = [];
    config.fromAddresses?.addresses.forEach((a, i) => {
      const key = a.name.toLowerCase();
      const first = seen.get(key);
      if (first === undefined) seen.set(key, i);
      else
        violations.push({
          path: ["fromAddresses", "addresses", i, "name"],
          message: `From address ${quote(a.name)} duplicates ${formatPath(["fromAddresses", "addresses", first])}.`,
        });
    });
    return violations;
  },
};
