import { GLOBAL_CLOUD, microsoftCloud, type MicrosoftCloud } from "./clouds";
import type { PermissionLayout, ServerType } from "./config";

/**
 * The one scope table: which scope a mailbox's token is requested for, per cloud (tenant.authority), permission
 * layout and protocol. The Genesys E-mail Server options (`scope`) and `check` both read it, so `check` asks for
 * exactly the token E-mail Server will ask for.
 *
 * - GRAPH (client credentials): `<Graph resource>/.default`, whatever the layout (client credentials only take
 *   `.default`). A GRAPH server.host that is a known Graph host names its cloud's resource (DoD shares its login host
 *   with GCC High but has its own Graph host).
 * - IMAP, POP3, SMTP, EWS with `exchange-online` (the vendor's layout, permissions under Office 365 Exchange Online):
 *   `<Exchange resource>/.default`, the vendor's default for the `scope` option (shared/spec/microsoft-facts.md,
 *   "Protocol details"): the token carries every delegated Exchange permission the app was granted.
 * - IMAP, POP3, SMTP, EWS with `microsoft-graph` (the permissions listed under Microsoft Graph, Microsoft's newer
 *   guidance): the full per-protocol scope with the Outlook resource, e.g. `https://outlook.office.com/IMAP.AccessAsUser.All`.
 *   Microsoft: "make sure to specify the full scopes, including Outlook resource URLs, when authorizing your application
 *   and requesting an access token" (learn.microsoft.com/exchange/client-developer/legacy-protocols/
 *   how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth). `<Exchange resource>/.default` would ask for the
 *   permissions granted under Office 365 Exchange Online, and that layout grants none there.
 */
export interface MailboxScope {
  readonly scope: string;
  /** The cloud the scope belongs to; undefined for a tenant.authority that is not a Microsoft cloud (global resources are used). */
  readonly cloud?: MicrosoftCloud;
}

/** Delegated permission of each password-flow protocol (the same name under Exchange Online and Microsoft Graph). */
export const DELEGATED_PERMISSION: Readonly<Record<Exclude<ServerType, "GRAPH">, string>> = {
  IMAP: "IMAP.AccessAsUser.All",
  POP3: "POP.AccessAsUser.All",
  SMTP: "SMTP.Send",
  EWS: "EWS.AccessAsUser.All",
};

/** Graph hosts by cloud (shared/spec/microsoft-facts.md, "Sovereign clouds"). */
const GRAPH_HOSTS: ReadonlySet<string> = new Set(["graph.microsoft.com", "graph.microsoft.us", "dod-graph.microsoft.us", "microsoftgraph.chinacloudapi.cn"]);

export interface ScopeInput {
  /** tenant.authority. @default the global cloud */
  readonly authority?: string;
  readonly layout: PermissionLayout;
  readonly protocol: ServerType;
  /** server.host, read for GRAPH only. */
  readonly host?: string;
}

export function mailboxScope(input: ScopeInput): MailboxScope {
  const cloud = input.authority === undefined ? GLOBAL_CLOUD : microsoftCloud(input.authority);
  const resources = cloud ?? GLOBAL_CLOUD;
  const withCloud = (scope: string): MailboxScope => (cloud ? { scope, cloud } : { scope });
  if (input.protocol === "GRAPH") {
    const host = input.host?.toLowerCase();
    return withCloud(`${host !== undefined && GRAPH_HOSTS.has(host) ? `https://${host}` : resources.graphResource}/.default`);
  }
  if (input.layout === "exchange-online") return withCloud(`${resources.exchangeResource}/.default`);
  return withCloud(`${resources.exchangeResource}/${DELEGATED_PERMISSION[input.protocol]}`);
}
