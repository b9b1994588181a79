import type { Rule } from "./rule";
import { quote } from "../text/terminal";

export const MAX_MAILBOX_NAME_LENGTH = 40;

export const mailboxNameLength: Rule = {
  id: "GE102",
  name: "mailbox-name-length",
  severity: "error",
  description: `A Mailbox Name has at most ${MAX_MAILBOX_NAME_LENGTH} characters.`,
  fix: `shorten the name to ${MAX_MAILBOX_NAME_LENGTH} characters or fewer`,
  source: "Genesys Agent Setup, Email addresses and mailboxes: Mailbox Name, no more than 40 characters",
  suppressible: true,
  check: (config) =>
    // Inbound only: the outbound name is fixed to smtp-client by the vendor (GE104), hyphen included.
    config.mailboxes.inbound
      .map((mailbox, i) => ({ mailbox, path: ["mailboxes", "inbound", i] as const }))
      .filter(({ mailbox }) => [...mailbox.name].length > MAX_MAILBOX_NAME_LENGTH)
      .map(({ mailbox, path }) => ({
        path: [...path, "name"],
        message: `Mailbox Name must be at most ${MAX_MAILBOX_NAME_LENGTH} characters; ${quote(mailbox.name, 20)} has ${[...mailbox.name].length}.`,
      })),
};
