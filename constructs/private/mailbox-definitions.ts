import { compareText } from "../../src/model/order";
import type { EmailConfig, InboundMailbox, OutboundMailbox } from "../../src/model/config";
import { serverPort, tlsMode } from "../../src/model/mailbox";

/**
 * The non-secret definition of a mailbox as it is kept in Terraform state, so a plan shows
 * `maxSizeMb = 5 -> 10`. A password appears only as the NAME of its environment variable;
 * the value is never read here. Ports and TLS are resolved so a default change shows too.
 */
export type MailboxDefinition = Record<string, unknown>;

function server(m: InboundMailbox | OutboundMailbox): Record<string, unknown> {
  const s: Record<string, unknown> = { host: m.server.host, port: serverPort(m), type: m.server.type, tls: tlsMode(m) };
  if ("path" in m.server && m.server.path !== undefined) s.path = m.server.path;
  return s;
}

function passwordEnv(m: InboundMailbox | OutboundMailbox): Record<string, unknown> {
  return m.password ? { password: { env: m.password.env } } : {};
}

export function inboundDefinition(m: InboundMailbox): MailboxDefinition {
  return {
    name: m.name,
    direction: "inbound",
    mailbox: m.mailbox,
    server: server(m),
    auth: m.auth,
    maxSizeMb: m.maxSizeMb,
    testMailbox: m.testMailbox,
    ...(m.designerApplication !== undefined ? { designerApplication: m.designerApplication } : {}),
    ...passwordEnv(m),
  };
}

export function outboundDefinition(m: OutboundMailbox): MailboxDefinition {
  return {
    name: m.name,
    direction: "outbound",
    mailbox: m.mailbox,
    fromAddress: m.fromAddress,
    server: server(m),
    auth: m.auth,
    testMailbox: m.testMailbox,
    ...passwordEnv(m),
  };
}

export function fromAddressesDefinition(config: EmailConfig): MailboxDefinition | undefined {
  const f = config.fromAddresses;
  if (!f || (f.folder === undefined && f.addresses.length === 0)) return undefined;
  return {
    ...(f.folder !== undefined ? { folder: f.folder } : {}),
    addresses: [...f.addresses]
      .sort((a, b) => compare(a.name, b.name) || compare(a.displayName, b.displayName))
      .map((a) => ({ name: a.name, displayName: a.displayName })),
  };
}

/** Inbound mailboxes ordered by name: reordering the file changes nothing in the output. */
export function inboundByName(config: EmailConfig): InboundMailbox[] {
  return [...config.mailboxes.inbound].sort((a, b) => compare(a.name, b.name));
}

/** Code-unit order, independent of the machine's locale. */
export const compare = compareText;

/** The `mailboxes` output: everything a reviewer or `check` needs, nothing secret. */
export function mailboxesOutput(config: EmailConfig): Record<string, unknown> {
  const inbound: Record<string, MailboxDefinition> = {};
  for (const m of inboundByName(config)) inbound[m.name] = inboundDefinition(m);
  const out: Record<string, unknown> = { inbound };
  if (config.mailboxes.outbound) out.outbound = outboundDefinition(config.mailboxes.outbound);
  const from = fromAddressesDefinition(config);
  if (from) out.fromAddresses = from;
  return out;
}
