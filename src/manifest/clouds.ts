import { normalizeAuthority } from "../model/mailbox";

/**
 * The `.default` scopes per Microsoft cloud, keyed by the tenant-authority's host
 * (shared/spec/microsoft-facts.md, "Sovereign clouds" and "Protocol details").
 * Only the global row is documented by the vendor; the others come from Microsoft's
 * national-cloud pages and community sources, so they are marked unverified.
 */
export interface CloudScopes {
  readonly name: string;
  /** Scope for the mailbox-password flow (IMAP, POP3, EWS, SMTP). */
  readonly exchange: string;
  /** Scope for GRAPH's client-credentials flow. */
  readonly graph: string;
  /** False where a value comes from a community source. */
  readonly verified: boolean;
}

const GLOBAL: CloudScopes = {
  name: "Global",
  // The vendor's default `scope` option.
  exchange: "https://outlook.office.com/.default",
  graph: "https://graph.microsoft.com/.default",
  verified: true,
};

const CLOUDS: Readonly<Record<string, CloudScopes>> = {
  "login.microsoftonline.com": GLOBAL,
  // GCC High; DoD uses dod-graph.microsoft.us for Graph.
  "login.microsoftonline.us": { name: "US Government", exchange: "https://outlook.office365.us/.default", graph: "https://graph.microsoft.us/.default", verified: false },
  "login.chinacloudapi.cn": { name: "China (21Vianet)", exchange: "https://partner.outlook.cn/.default", graph: "https://microsoftgraph.chinacloudapi.cn/.default", verified: false },
  "login.partner.microsoftonline.cn": { name: "China (21Vianet)", exchange: "https://partner.outlook.cn/.default", graph: "https://microsoftgraph.chinacloudapi.cn/.default", verified: false },
};

/** The cloud an authority belongs to; undefined for an authority this tool does not know. */
export function cloudScopes(authority: string | undefined): CloudScopes | undefined {
  if (authority === undefined) return GLOBAL;
  let host: string;
  try {
    host = new URL(normalizeAuthority(authority)).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  return CLOUDS[host];
}
