import { CLOUDS_BY_LOGIN_HOST, microsoftCloud } from "../model/clouds";
import type { Rule } from "./rule";
import { quote } from "./private/text";

/** The login hosts of Microsoft's clouds (global, US Government, China 21Vianet). */
export const MICROSOFT_AUTHORITY_HOSTS: ReadonlySet<string> = new Set(Object.keys(CLOUDS_BY_LOGIN_HOST));

export function isMicrosoftAuthority(authority: string): boolean {
  return microsoftCloud(authority) !== undefined;
}

export const nonMicrosoftAuthority: Rule = {
  id: "GE204",
  name: "non-microsoft-authority",
  severity: "warning",
  description: "tenant.authority is not a Microsoft cloud's login host: it is trusted as given, without instance discovery.",
  fix: "use https://login.microsoftonline.com/ unless this is a sovereign cloud or a test endpoint",
  source: "MSAL authority validation (knownAuthorities); Microsoft national clouds list",
  suppressible: true,
  check: (config) => {
    const authority = config.tenant.authority;
    if (isMicrosoftAuthority(authority)) return [];
    try {
      if (new URL(authority).protocol !== "https:") return []; // GE117 reports it
    } catch {
      return [];
    }
    return [{ path: ["tenant", "authority"], message: `Tenant authority ${quote(authority)} is not a Microsoft cloud login host; it will be used without instance discovery.` }];
  },
};
