import type { Rule, Violation } from "./rule";
import { catalogAppRole } from "../model/catalog";

/** Import IDs that cannot be built, or an adoption that would create a second service principal. */
export const existingIncomplete: Rule = {
  id: "GE138",
  name: "existing-incomplete",
  severity: "error",
  description: "application.existing holds every ID its import blocks need: an app role assignment needs its resource API's service principal; consents need the app's service principal.",
  fix: "rerun genesys-email import with --service-principal and --resources, or add the missing object ID",
  source: "azuread provider import IDs: /servicePrincipals/{resource sp object id}/appRoleAssignedTo/{id}; a client has one service principal per tenant",
  suppressible: false,
  check: (config) => {
    const existing = config.application.existing;
    if (!existing) return [];
    const out: Violation[] = [];
    for (const roleId of Object.keys(existing.appRoleAssignments ?? {})) {
      const role = catalogAppRole(roleId);
      if (!role) continue; // GE136
      const sp = Object.entries(existing.resourceServicePrincipals ?? {}).find(([appId]) => appId.toLowerCase() === role.resource.appId);
      if (!sp) {
        out.push({
          path: ["application", "existing", "appRoleAssignments", roleId],
          message: `The assignment of ${role.value} is imported through ${role.resource.name}'s service principal: existing.resourceServicePrincipals names none for ${role.resource.appId}.`,
        });
      }
    }
    const consents = Object.keys(existing.delegatedGrants ?? {}).length + Object.keys(existing.appRoleAssignments ?? {}).length;
    if (config.application.clientId === undefined && existing.servicePrincipalObjectId === undefined && consents > 0) {
      out.push({
        path: ["application", "existing", "servicePrincipalObjectId"],
        message: "The app's consents exist, so its service principal does too; without existing.servicePrincipalObjectId Terraform would create a second one for the app, which Entra refuses.",
      });
    }
    return out;
  },
};
