import { normalizeAuthority } from "../model/mailbox";
import { isMicrosoftAuthority } from "../model/clouds";

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
