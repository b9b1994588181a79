import type { EmailConfig } from "../model/config";
import { allMailboxes, isInbound } from "../model/mailbox";
import type { FieldPath } from "../model/path";
import type { Rule, Violation } from "./rule";
import { quote } from "../text/terminal";

/** CR and LF end a line of IMAP, POP3, SMTP or HTTP; NUL ends a C string and separates SASL PLAIN fields. */
const LINE_BREAK_OR_NUL = /[\r\n\0]/;

/** Every config value `check` (and E-mail Server) sends to a server: logins, addresses, hosts, paths, the authority and IDs. */
function wireFields(config: EmailConfig): Array<[FieldPath, string | undefined]> {
  const fields: Array<[FieldPath, string | undefined]> = [
    [["tenant", "authority"], config.tenant.authority],
    [["tenant", "directoryId"], config.tenant.directoryId],
    [["application", "clientId"], config.application.clientId],
  ];
  for (const { mailbox, path } of allMailboxes(config)) {
    fields.push([[...path, "mailbox"], mailbox.mailbox], [[...path, "server", "host"], mailbox.server.host]);
    if (isInbound(mailbox)) fields.push([[...path, "server", "path"], mailbox.server.path]);
    else fields.push([[...path, "fromAddress"], mailbox.fromAddress]);
  }
  return fields;
}

export const wireFieldCharacters: Rule = {
  id: "GE127",
  name: "wire-field-characters",
  severity: "error",
  description: "A value sent to a server (login, address, host, path, authority, ID) holds no CR, LF or NUL character.",
  fix: "remove the line break or NUL character (often pasted along with the value)",
  source: "RFC 1939 section 3, RFC 9051 section 2.2, RFC 5321 section 2.3.8: a CRLF ends every command; in a value it injects another",
  suppressible: false,
  check: (config) =>
    wireFields(config)
      .filter((field): field is [FieldPath, string] => field[1] !== undefined && LINE_BREAK_OR_NUL.test(field[1]))
      .map(([path, value]): Violation => ({ path, message: `A value sent to a server must not hold a line break (CR, LF) or NUL character; ${quote(value)} does.` })),
};
