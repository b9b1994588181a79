import { isMicrosoftAuthority } from "../model/clouds";
import type { Rule } from "./rule";
import { quote } from "../text/terminal";

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
