import { EMAIL } from "../model/email";
import { GUID } from "../model/guid";
import type { Rule, Violation } from "./rule";
import { quote } from "../text/terminal";

/**
 * Owners are object IDs or user principal names (looked up by data `azuread_user`): the azuread provider's
 * `owners` takes object IDs (docs/resources/application.md, service_principal.md). An empty list would leave the
 * app with no owner, which the provider docs advise against; omit the field to make the Terraform identity owner.
 */
export const applicationOwners: Rule = {
  id: "GE131",
  name: "application-owners",
  severity: "error",
  description: "application.owners lists at least one owner, each an object ID (GUID) or a user principal name (name@domain), once.",
  fix: "list the owners' object IDs or user principal names, or leave owners out to make the identity running Terraform the owner",
  source: "azuread provider, azuread_application owners: \"It's recommended to always specify one or more application owners\"",
  suppressible: false,
  check: (config) => {
    const owners = config.application.owners;
    if (owners === undefined) return [];
    if (owners.length === 0) return [{ path: ["application", "owners"], message: "application.owners is empty: the app registration would have no owner." }];
    const violations: Violation[] = [];
    const seen = new Map<string, number>();
    owners.forEach((owner, i) => {
      const path = ["application", "owners", i];
      if (!GUID.test(owner) && !EMAIL.test(owner)) violations.push({ path, message: `An owner is an object ID (GUID) or a user principal name (name@domain); ${quote(owner)} is neither.` });
      const first = seen.get(owner.toLowerCase());
      if (first === undefined) seen.set(owner.toLowerCase(), i);
      else violations.push({ path, message: `Owner ${quote(owner)} is already listed at application.owners[${first}].` });
    });
    return violations;
  },
};
