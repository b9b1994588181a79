import type { Rule, Violation } from "./rule";
import { quote } from "../text/terminal";
import { catalogAppRole, RESOURCE_APIS, resourceApiByAppId } from "../model/catalog";
import { GUID } from "../model/guid";

const KNOWN = RESOURCE_APIS.map((r) => `${r.name} ${r.appId}`).join(", ");

/** Keys of application.existing name resource APIs (by app ID) and app roles the catalog knows: nothing else is ever imported. */
export const existingResourcesKnown: Rule = {
  id: "GE136",
  name: "existing-resources-known",
  severity: "error",
  description: "application.existing names only resource APIs (by app ID) and application permissions (by app role ID) that this tool manages.",
  fix: `key resources by their app ID (${KNOWN}) and app role assignments by the app role ID (Mail.ReadWrite e2a3a72e-5f79-4c64-b1b1-878b674786c9, Mail.Send b633e1c5-b582-4048-a93e-9f11b44c7e96); remove other entries`,
  source: "Microsoft Graph permissions reference; shared/spec/microsoft-facts.md (resource applications, permission IDs)",
  suppressible: false,
  check: (config) => {
    const existing = config.application.existing;
    if (!existing) return [];
    const out: Violation[] = [];
    const resource = (appId: string, path: Array<string | number>) => {
      if (resourceApiByAppId(appId)) return;
      out.push({
        path,
        message: GUID.test(appId)
          ? `${quote(appId, 40)} is not a resource API this tool manages (${KNOWN}).`
          : `A resource API is named by its app ID, a GUID; ${quote(appId, 40)} given.`,
      });
    };
    for (const key of Object.keys(existing.resourceServicePrincipals ?? {})) resource(key, ["application", "existing", "resourceServicePrincipals", key]);
    for (const key of Object.keys(existing.delegatedGrants ?? {})) resource(key, ["application", "existing", "delegatedGrants", key]);
    (existing.apiAccess ?? []).forEach((appId, i) => resource(appId, ["application", "existing", "apiAccess", i]));
    for (const key of Object.keys(existing.appRoleAssignments ?? {})) {
      if (catalogAppRole(key)) continue;
      out.push({
        path: ["application", "existing", "appRoleAssignments", key],
        message: GUID.test(key)
          ? `${quote(key, 40)} is not an application permission this tool manages (Microsoft Graph Mail.ReadWrite, Mail.Send).`
          : `An app role assignment is keyed by the app role ID, a GUID; ${quote(key, 40)} given.`,
      });
    }
    return out;
  },
};
