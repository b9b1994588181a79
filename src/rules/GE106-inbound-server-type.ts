import { INBOUND_SERVER_TYPES } from "../model/config";
import type { Rule } from "./rule";
import { quote } from "../text/terminal";

/** Enforced by the schema's enum; this rule owns that schema issue so it carries an ID and a clear message. */
export const inboundServerType: Rule = {
  id: "GE106",
  name: "inbound-server-type",
  severity: "error",
  description: `An inbound mailbox's server type is one of ${INBOUND_SERVER_TYPES.join(", ")}.`,
  fix: `set server.type to one of ${INBOUND_SERVER_TYPES.join(", ")}; SMTP belongs to mailboxes.outbound`,
  source: "Genesys Agent Setup, inbound mailbox form: Host/Port/Type POP3, IMAP; E-mail Server 8.5.205.03 adds GRAPH; EWS per the OAuth 2.0 section",
  suppressible: false,
  check: () => [],
  fromSchemaIssue: (issue) => {
    if (issue.pattern !== "mailboxes.inbound[].server.type") return undefined;
    return {
      path: issue.path,
      message: `Inbound server type must be ${INBOUND_SERVER_TYPES.join(", ")}; ${issue.value === undefined ? "none" : quote(issue.value)} given.`,
    };
  },
};
