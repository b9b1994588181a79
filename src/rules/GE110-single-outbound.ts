import type { Rule } from "./rule";
import { plural } from "../text/terminal";

export const singleOutbound: Rule = {
  id: "GE110",
  name: "single-outbound",
  severity: "error",
  description: "There is at most one outbound mailbox.",
  fix: "keep one outbound mailbox (an object, not a list) and add other From addresses under fromAddresses",
  source: "Genesys Agent Setup: \"Only one outbound mailbox is permitted at this time.\"",
  suppressible: false,
  check: () => [],
  fromSchemaIssue: (issue) =>
    issue.pattern === "mailboxes.outbound" && Array.isArray(issue.value)
      ? {
          path: issue.path,
          message: `Only one outbound mailbox is permitted; ${plural(issue.value.length, "mailbox", "mailboxes")} given as a list.`,
        }
      : undefined,
};
