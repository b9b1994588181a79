import { normalizeAuthority } from "../../src/model/mailbox";

/**
 * The azuread provider's `environment` for a tenant-authority (shared/spec/microsoft-facts.md,
 * "Sovereign clouds"). `undefined` means the provider default (`global`), also used for test
 * authorities that are no Microsoft cloud. US Government L4 and DoD share a login host; L4
 * is assumed (override by configuring your own `AzureadProvider` before `GenesysEmail`).
 */
export function azureadEnvironment(authority: string): string | undefined {
  let host: string;
  try {
    host = new URL(normalizeAuthority(authority)).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  if (host === "login.microsoftonline.us") return "usgovernment";
  if (host === "login.chinacloudapi.cn" || host === "login.partner.microsoftonline.cn") return "china";
  return undefined;
}
