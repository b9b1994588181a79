import type { Rule } from "./rule";
import { quote } from "../text/terminal";

const ALLOWED = /^[A-Za-z0-9@_.]+$/;

export const mailboxNameCharacters: Rule = {
  id: "GE101",
  name: "mailbox-name-characters",
  severity: "error",
  description: "A Mailbox Name uses only letters, digits, `@`, `_` and `.`.",
  fix: "rename the mailbox using only letters, digits, @, _ and .",
  source: "Genesys Agent Setup, Email addresses and mailboxes: Mailbox Name field type",
  suppressible: true,
  check: (config) =>
    // Inbound only: the outbound name is fixed to smtp-client by the vendor (GE104), hyphen included.
    config.mailboxes.inbound
      .map((mailbox, i) => ({ mailbox, path: ["mailboxes", "inbound", i] as const }))
      .filter(({ mailbox }) => !ALLOWED.test(mailbox.name))
      .map(({ mailbox, path }) => {
        const bad = [...new Set([...mailbox.name].filter((c) => !/[A-Za-z0-9@_.]/.test(c)))];
        const what = mailbox.name === "" ? "it is empty" : `${quote(mailbox.name)} contains ${bad.map((c) => quote(c)).join(", ")}`;
        return { path: [...path, "name"], message: `Mailbox Name may use only letters, digits, @, _ and .; ${what}.` };
      }),
};
