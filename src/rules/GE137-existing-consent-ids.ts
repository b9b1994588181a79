import type { Rule, Violation } from "./rule";
import { quote } from "../text/terminal";
import { CONSENT_ID, GUID } from "../model/guid";

/**
 * Graph's IDs of an oauth2PermissionGrant and an appRoleAssignment are opaque base64url strings
 * (e.g. `AVs6JuUDjkCFV7q2gd8QTPimBBgj5iBFj0C6GwwRxC0`), not GUIDs; they end up in the import ID's path.
 */
export const existingConsentIds: Rule = {
  id: "GE137",
  name: "existing-consent-ids",
  severity: "error",
  description: "application.existing consents are named by Graph's IDs: an oauth2PermissionGrant's or appRoleAssignment's `id`, a base64url string, not a GUID.",
  fix: "copy the `id` of the grant (GET /v1.0/oauth2PermissionGrants?$filter=clientId eq '<sp object id>') or of the assignment (GET /v1.0/servicePrincipals/<sp object id>/appRoleAssignments), or rerun genesys-email import",
  source: "Microsoft Graph v1.0 oAuth2PermissionGrant and appRoleAssignment resources; azuread provider import IDs",
  suppressible: false,
  check: (config) => {
    const existing = config.application.existing;
    if (!existing) return [];
    const out: Violation[] = [];
    const check = (kind: "delegatedGrants" | "appRoleAssignments", what: string) => {
      for (const [key, id] of Object.entries(existing[kind] ?? {})) {
        if (CONSENT_ID.test(id) && !GUID.test(id)) continue;
        out.push({
          path: ["application", "existing", kind, key],
          message: GUID.test(id)
            ? `${what} ID is Graph's id of the consent, not a GUID; ${quote(id)} looks like an object or permission ID.`
            : `${what} ID must be Graph's id of the consent (letters, digits, - and _); ${quote(id)} given.`,
        });
      }
    };
    check("delegatedGrants", "A delegated permission grant");
    check("appRoleAssignments", "An app role assignment");
    return out;
  },
};
