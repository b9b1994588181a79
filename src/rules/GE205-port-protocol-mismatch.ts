import { allMailboxes } from "../model/mailbox";
import type { ServerType } from "../model/config";
import type { Rule } from "./rule";

/** Ports registered for another mail protocol (IANA): a likely copy-paste slip. */
const PORT_OWNER: Readonly<Record<number, ServerType>> = { 110: "POP3", 995: "POP3", 143: "IMAP", 993: "IMAP", 25: "SMTP", 465: "SMTP", 587: "SMTP" };

export const portProtocolMismatch: Rule = {
  id: "GE205",
  name: "port-protocol-mismatch",
  severity: "warning",
  description: "The port is the well-known port of another mail protocol.",
  fix: "check server.type and server.port (IMAP 993, POP3 995, SMTP 587, EWS/GRAPH 443)",
  source: "IANA Service Name and Transport Protocol Port Number Registry",
  suppressible: true,
  check: (config) =>
    allMailboxes(config).flatMap(({ mailbox, path }) => {
      const port = mailbox.server.port;
      const owner = port === undefined ? undefined : PORT_OWNER[port];
      const type = mailbox.server.type;
      if (owner === undefined || owner === type) return [];
      return [{ path: [...path, "server", "port"], message: `Port ${port} is the ${owner} port, but server.type is ${type}.` }];
    }),
};
