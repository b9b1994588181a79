import type { Rule } from "./rule";
import { quote } from "../text/terminal";

export const outboundServerType: Rule = {
  id: "GE107",
  name: "outbound-server-type",
  severity: "error",
  description: "The outbound mailbox sends over SMTP only.",
  fix: "set mailboxes.outbound.server.type to SMTP; reading mail belongs to mailboxes.inbound",
  source: "Genesys Agent Setup, outbound mailbox form: Host/Port/Type, possible values SMTP",
  suppressible: false,
  check: () => [],
  fromSchemaIssue: (issue) =>
    issue.pattern === "mailboxes.outbound.server.type"
      ? {
          path: issue.path,
          message: `Outbound server type must be SMTP; ${issue.value === undefined ? "none" : quote(issue.value)} given.`,
        }
      : undefined,
};
