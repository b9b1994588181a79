import { OUTBOUND_MAILBOX_NAME } from "../model/config";
import type { Rule } from "./rule";
import { quote } from "../text/terminal";

export const outboundMailboxName: Rule = {
  id: "GE104",
  name: "outbound-mailbox-name",
  severity: "error",
  description: `The outbound mailbox is always named \`${OUTBOUND_MAILBOX_NAME}\` (read-only in Genesys).`,
  fix: `remove mailboxes.outbound.name or set it to ${OUTBOUND_MAILBOX_NAME}`,
  source: "Genesys Agent Setup: \"Outbound mailbox names are set as smtp-client\" (read-only field)",
  suppressible: true,
  check: (config) => {
    const outbound = config.mailboxes.outbound;
    if (!outbound || outbound.name === OUTBOUND_MAILBOX_NAME) return [];
    return [
      {
        path: ["mailboxes", "outbound", "name"],
        message: `The outbound Mailbox Name is read-only and always ${OUTBOUND_MAILBOX_NAME}; ${quote(outbound.name)} given.`,
      },
    ];
  },
};
