import { GLOBAL_CLOUD, microsoftCloud, type MicrosoftCloud } from "../model/clouds";

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

function scopesOf(cloud: MicrosoftCloud): CloudScopes {
  return {
    name: cloud.name,
    // For the global cloud, the vendor's default `scope` option.
    exchange: `${cloud.exchangeResource}/.default`,
    graph: `${cloud.graphResource}/.default`,
    verified: cloud.verified,
  };
}

/** The cloud an authority belongs to; undefined for an authority this tool does not know. */
export function cloudScopes(authority: string | undefined): CloudScopes | undefined {
  const cloud = authority === undefined ? GLOBAL_CLOUD : microsoftCloud(authority);
  return cloud && scopesOf(cloud);
}
