import type { Rule, Violation } from "./rule";
import { quote } from "../text/terminal";
import { GUID } from "../model/guid";

/**
 * The object IDs an adoption imports by (application, service principal, resource service principals) are GUIDs,
 * and each is the right one of the several GUIDs an app has: the import ID of a wrong one names another object.
 */
export const existingObjectIds: Rule = {
  id: "GE135",
  name: "existing-object-ids",
  severity: "error",
  description: "application.existing names objects by their object IDs (GUIDs): the app registration's, its service principal's, the resource APIs' service principals'.",
  fix: "rerun genesys-email import, or copy the Object ID from the app registration's Overview page (servicePrincipalObjectId: Enterprise applications, the app, Overview)",
  source: "Microsoft Graph v1.0 application, servicePrincipal resources (id vs appId); azuread provider import IDs",
  suppressible: false,
  check: (config) => {
    const existing = config.application.existing;
    if (!existing) return [];
    const at = ["application", "existing"];
    const out: Violation[] = [];
    const guid = (value: string, path: Array<string | number>, what: string) => {
      if (!GUID.test(value)) out.push({ path, message: `${what} must be an object ID, a GUID; ${quote(value)} given.` });
      return GUID.test(value);
    };
    if (guid(existing.objectId, [...at, "objectId"], "existing.objectId") && existing.objectId.toLowerCase() === config.application.clientId?.toLowerCase()) {
      out.push({ path: [...at, "objectId"], message: "existing.objectId is the application (client) ID; the app registration's Object ID is another GUID." });
    }
    const sp = existing.servicePrincipalObjectId;
    if (sp !== undefined && guid(sp, [...at, "servicePrincipalObjectId"], "existing.servicePrincipalObjectId") && sp.toLowerCase() === existing.objectId.toLowerCase()) {
      out.push({
        path: [...at, "servicePrincipalObjectId"],
        message: "existing.servicePrincipalObjectId is the app registration's object ID; the service principal (Enterprise application) has its own.",
      });
    }
    for (const [appId, objectId] of Object.entries(existing.resourceServicePrincipals ?? {})) {
      const path = [...at, "resourceServicePrincipals", appId];
      if (guid(objectId, path, `The service principal of ${quote(appId, 40)}`) && objectId.toLowerCase() === appId.toLowerCase()) {
        out.push({ path, message: `The service principal of ${quote(appId, 40)} is given as the API's app ID; its object ID in this tenant is another GUID.` });
      }
    }
    return out;
  },
};
