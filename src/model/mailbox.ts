import { compareText } from "./order";
import type { EmailConfig, InboundMailbox, Mailbox, OutboundMailbox, ServerType, TlsMode } from "./config";
import { DEFAULT_TENANT_AUTHORITY } from "./config";

/** The usual port per protocol: implicit TLS for IMAP/POP3, submission with STARTTLS for SMTP, HTTPS for EWS/Graph. */
export const DEFAULT_PORTS: Readonly<Record<ServerType, number>> = { IMAP: 993, POP3: 995, EWS: 443, GRAPH: 443, SMTP: 587 };
const IMPLICIT_TLS_PORTS = new Set([993, 995, 443, 465]);
/** The EWS endpoint path when server.path is not given. */
export const DEFAULT_EWS_PATH = "/EWS/Exchange.asmx";

export type Direction = "inbound" | "outbound";

/** A mailbox together with where it sits in the config, for messages and lookups. */
export interface LocatedMailbox {
  readonly direction: Direction;
  readonly mailbox: Mailbox;
  /** Field path, e.g. `mailboxes.inbound[2]`. */
  readonly path: ReadonlyArray<string | number>;
}

export function isInbound(m: Mailbox): m is InboundMailbox {
  return !("fromAddress" in m);
}

export function serverPort(m: Mailbox): number {
  return m.server.port ?? DEFAULT_PORTS[m.server.type];
}

/** EWS only: the endpoint's path, `/`-prefixed (`server.path`, else /EWS/Exchange.asmx); undefined for other protocols. */
export function ewsPath(m: Mailbox): string | undefined {
  if (m.server.type !== "EWS") return undefined;
  const path = ("path" in m.server ? m.server.path : undefined) ?? DEFAULT_EWS_PATH;
  return path.startsWith("/") ? path : `/${path}`;
}

export function tlsMode(m: Mailbox): TlsMode {
  return m.server.tls ?? (IMPLICIT_TLS_PORTS.has(serverPort(m)) ? "implicit" : "starttls");
}

/** GRAPH uses client credentials (the app's secret); every other protocol logs in as the mailbox. */
export function usesClientCredentials(m: Mailbox): boolean {
  return m.server.type === "GRAPH" && m.auth === "oauth2";
}

/** OAuth 2.0 through the resource-owner password flow: IMAP, POP3, EWS and SMTP (vendor: "The Genesys solution uses resource owner password credentials"). */
export function usesPasswordFlow(m: Mailbox): boolean {
  return m.auth === "oauth2" && m.server.type !== "GRAPH";
}

/**
 * The accounts that sign in through the app with the password flow (IMAP, POP3, EWS, SMTP over OAuth 2.0), each
 * once (a login is a UPN, compared case-insensitively: two mailboxes on one account are one assignment), sorted.
 * With `application.assignmentRequired` they are the only accounts Entra issues tokens to through this client-id.
 */
export function passwordFlowLogins(config: Pick<EmailConfig, "mailboxes">): string[] {
  const byKey = new Map<string, string>();
  for (const { mailbox } of allMailboxes(config)) {
    if (!usesPasswordFlow(mailbox)) continue;
    const key = mailbox.mailbox.toLowerCase();
    if (!byKey.has(key)) byKey.set(key, mailbox.mailbox);
  }
  return [...byKey.entries()].sort(([a], [b]) => compareText(a, b)).map(([, login]) => login);
}

/** Any login that needs the mailbox's password: basic auth, or OAuth 2.0 through the password flow. */
export function needsPassword(m: Mailbox): boolean {
  return m.auth === "basic" || usesPasswordFlow(m);
}

/** Every mailbox, inbound first in file order, then the outbound one. */
export function allMailboxes(config: Pick<EmailConfig, "mailboxes">): LocatedMailbox[] {
  const located: LocatedMailbox[] = config.mailboxes.inbound.map((mailbox, i) => ({
    direction: "inbound" as const,
    mailbox,
    path: ["mailboxes", "inbound", i],
  }));
  const outbound: OutboundMailbox | undefined = config.mailboxes.outbound;
  if (outbound) located.push({ direction: "outbound", mailbox: outbound, path: ["mailboxes", "outbound"] });
  return located;
}

export function oauthMailboxes(config: Pick<EmailConfig, "mailboxes">): LocatedMailbox[] {
  return allMailboxes(config).filter((l) => l.mailbox.auth === "oauth2");
}

/** `https://login.microsoftonline.com/` and `https://login.microsoftonline.com` are the same authority. */
export function normalizeAuthority(authority: string): string {
  return authority.replace(/\/+$/, "");
}

export function isDefaultAuthority(authority: string | undefined): boolean {
  return authority === undefined || normalizeAuthority(authority).toLowerCase() === normalizeAuthority(DEFAULT_TENANT_AUTHORITY);
}

/**
 * The order every generated document lists mailboxes in: the test mailbox first, then inbound
 * mailboxes by Mailbox Name (code-unit order), then the outbound one. Independent of file order,
 * so reordering mailboxes in the config changes no output byte.
 */
export function requestOrder(mailboxes: readonly LocatedMailbox[]): LocatedMailbox[] {
  const rank = (l: LocatedMailbox) => (l.mailbox.testMailbox ? 0 : l.direction === "inbound" ? 1 : 2);
  return [...mailboxes].sort((a, b) => rank(a) - rank(b) || compareText(a.mailbox.name, b.mailbox.name));
}

/** A client secret is needed only for GRAPH's client-credentials flow (in either `graphMailboxAccess` mode). */
export function needsClientSecret(config: Pick<EmailConfig, "mailboxes">): boolean {
  return allMailboxes(config).some((l) => usesClientCredentials(l.mailbox));
}
