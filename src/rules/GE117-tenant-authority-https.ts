import type { Rule } from "./rule";
import { quote } from "../text/terminal";

export const tenantAuthorityHttps: Rule = {
  id: "GE117",
  name: "tenant-authority-https",
  severity: "error",
  description: "tenant.authority is an https URL with a host and no query or fragment.",
  fix: "use the cloud's login host, e.g. https://login.microsoftonline.com/ (global) or https://login.microsoftonline.us/ (US Government)",
  source: "Genesys option tenant-authority (default https://login.microsoftonline.com); MSAL requires an https authority",
  suppressible: false,
  check: (config) => {
    const authority = config.tenant.authority;
    let url: URL | undefined;
    try {
      url = new URL(authority);
    } catch {
      url = undefined;
    }
    if (url && url.protocol === "https:" && url.hostname !== "" && url.search === "" && url.hash === "" && url.username === "" && url.password === "") return [];
    return [{ path: ["tenant", "authority"], message: `Tenant authority must be an https URL such as https://login.microsoftonline.com/; ${quote(authority)} is not.` }];
  },
};
