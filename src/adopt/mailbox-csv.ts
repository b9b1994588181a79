import { readFileSync } from "node:fs";
import { INBOUND_SERVER_TYPES, type ServerType } from "../model/config";
import { AdoptInputError, shown } from "./errors";
import { readInput } from "./graph";

/**
 * The Agent Setup "Email Mailboxes" table as a person copies it: `Mailbox Name,Mailbox,Host,Mailbox Type,Client Type`.
 * Comma, semicolon (spreadsheets in many locales) or tab (pasted from the browser) separate the columns; quoting as in
 * RFC 4180 (csv-parse). Host may carry a port (`outlook.office365.com:993`).
 */
export const CSV_COLUMNS = ["Mailbox Name", "Mailbox", "Host", "Mailbox Type", "Client Type"] as const;
const MAILBOX_TYPES: readonly ServerType[] = [...INBOUND_SERVER_TYPES, "SMTP"];
const CLIENT_TYPES = ["Inbound", "Outbound"] as const;

export interface CsvMailbox {
  /** The row in the file (1-based, the header is row 1), for messages. */
  readonly row: number;
  readonly name: string;
  readonly mailbox: string;
  readonly host: string;
  readonly port?: number;
  readonly type: ServerType;
  readonly direction: "inbound" | "outbound";
}

const FIX_HEADER = `the first line is the header ${CSV_COLUMNS.join(",")} (the columns of Agent Setup, Email Mailboxes)`;

export function parseMailboxCsv(text: string, file: string): CsvMailbox[] {
  const { parse } = require("csv-parse/sync") as typeof import("csv-parse/sync");
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, delimiter: [",", ";", "\t"], skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (error) {
    const e = error as Error & { lines?: number };
    throw new AdoptInputError(file, e.lines ? `line ${e.lines}` : "", `not a readable CSV table (${e.message.replace(/^Invalid [^:]*: /, "")})`, "save the table as CSV: one header line, one line per mailbox, fields with commas in double quotes");
  }
  const [header, ...body] = rows;
  if (!header) throw new AdoptInputError(file, "", "the file is empty", FIX_HEADER);
  const index = new Map<string, number>();
  header.forEach((column, i) => {
    const known = CSV_COLUMNS.find((c) => c.toLowerCase() === column.toLowerCase());
    if (!known) throw new AdoptInputError(file, `header, column ${i + 1}`, `unknown column ${shown(column)}`, `use exactly the columns ${CSV_COLUMNS.join(", ")}`);
    if (index.has(known)) throw new AdoptInputError(file, `header, column ${i + 1}`, `column ${shown(known)} appears twice`, FIX_HEADER);
    index.set(known, i);
  });
  const missing = CSV_COLUMNS.filter((c) => !index.has(c));
  if (missing.length) throw new AdoptInputError(file, "header", `column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} missing`, FIX_HEADER);

  return body.map((cells, i) => {
    const row = i + 2;
    const cell = (column: (typeof CSV_COLUMNS)[number]) => {
      const value = cells[index.get(column)!] ?? "";
      if (value === "") throw new AdoptInputError(file, `row ${row}, ${column}`, "is empty", `fill in ${column} for every mailbox`);
      return value;
    };
    const typeText = cell("Mailbox Type");
    const type = MAILBOX_TYPES.find((t) => t.toLowerCase() === typeText.toLowerCase());
    if (!type) throw new AdoptInputError(file, `row ${row}, Mailbox Type`, `unknown type ${shown(typeText)}`, `use one of ${MAILBOX_TYPES.join(", ")}`);
    const clientText = cell("Client Type");
    const client = CLIENT_TYPES.find((t) => t.toLowerCase() === clientText.toLowerCase());
    if (!client) throw new AdoptInputError(file, `row ${row}, Client Type`, `unknown client type ${shown(clientText)}`, `use ${CLIENT_TYPES.join(" or ")}`);
    const direction = client === "Outbound" ? "outbound" : "inbound";
    if ((type === "SMTP") !== (direction === "outbound")) {
      throw new AdoptInputError(file, `row ${row}, Client Type`, `a ${type} mailbox cannot be ${client}`, "inbound mailboxes read with POP3, IMAP, EWS or GRAPH; the outbound mailbox sends with SMTP");
    }
    const hostText = cell("Host");
    const match = /^(.*?)(?::(\d{1,5}))?$/.exec(hostText)!;
    const port = match[2] !== undefined ? Number(match[2]) : undefined;
    if (port !== undefined && (port < 1 || port > 65535)) throw new AdoptInputError(file, `row ${row}, Host`, `port ${port} is out of range`, "write the host as name or name:port with a port from 1 to 65535");
    return { row, name: cell("Mailbox Name"), mailbox: cell("Mailbox"), host: match[1]!, ...(port !== undefined ? { port } : {}), type, direction };
  });
}

export function readMailboxCsv(file: string, read: (file: string) => string = (f) => readFileSync(f, "utf8")): CsvMailbox[] {
  return parseMailboxCsv(readInput(file, read), file);
}
