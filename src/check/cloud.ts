import { GLOBAL_CLOUD, microsoftCloud, type MicrosoftCloud } from "../model/clouds";
import { normalizeAuthority } from "../model/mailbox";
import type { ServerType } from "../model/config";
import { isMicrosoftAuthority } from "../model/clouds";

/**
 * Where tokens are requested and for which resource, per Microsoft cloud.
 * Source: shared/spec/microsoft-facts.md, "Sovereign clouds". Exchange resource hosts for US Government
 * and China come from community sources (unverified), and DoD shares the US login host with GCC High:
 * a GRAPH mailbox whose server.host is a known Graph host uses that host's resource instead.
 */
export type CloudEndpoints = Pick<MicrosoftCloud, "exchangeResource" | "graphResource">;

const GRAPH_HOSTS = new Set(["graph.microsoft.com", "graph.microsoft.us", "dod-graph.microsoft.us", "microsoftgraph.chinacloudapi.cn"]);

/** The cloud of a tenant authority; a non-Microsoft (private or test) authority stands in for the global cloud. */
export function cloudFor(authority: string): CloudEndpoints {
  return microsoftCloud(authority) ?? GLOBAL_CLOUD;
}

/** The delegated scope the password flow asks for, e.g. https://outlook.office.com/IMAP.AccessAsUser.All. */
export function delegatedScope(cloud: CloudEndpoints, protocol: Exclude<ServerType, "GRAPH">): string {
  const permission = { IMAP: "IMAP.AccessAsUser.All", POP3: "POP.AccessAsUser.All", SMTP: "SMTP.Send", EWS: "EWS.AccessAsUser.All" }[protocol];
  return `${cloud.exchangeResource}/${permission}`;
}

/** The client-credentials scope for Graph: `<resource>/.default`, the resource taken from a known Graph server.host first. */
export function graphScope(cloud: CloudEndpoints, graphHost: string): string {
  const host = graphHost.toLowerCase();
  return `${GRAPH_HOSTS.has(host) ? `https://${host}` : cloud.graphResource}/.default`;
}

/** MSAL settings for an authority: `authority` is tenant.authority + "/" + directoryId. */
export interface AuthoritySettings {
  readonly authority: string;
  /** Set only for a non-Microsoft authority: MSAL then trusts it as given and sends no instance-discovery request to Microsoft. */
  readonly knownAuthorities?: readonly string[];
}

export function authoritySettings(tenantAuthority: string, directoryId: string): AuthoritySettings {
  const base = normalizeAuthority(tenantAuthority);
  const authority = `${base}/${directoryId}`;
  if (isMicrosoftAuthority(base)) return { authority };
  return { authority, knownAuthorities: [new URL(base).host] };
}
