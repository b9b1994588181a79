import { wireFields } from "../model/fields";
import type { FieldPath } from "../model/path";
import type { Rule, Violation } from "./rule";
import { quote } from "../text/terminal";

/** CR and LF end a line of IMAP, POP3, SMTP or HTTP; NUL ends a C string and separates SASL PLAIN fields. */
const LINE_BREAK_OR_NUL = /[\r\n\0]/;

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
