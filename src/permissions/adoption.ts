import type { EmailConfig } from "../model/config";
import { catalogAppRole, resourceApiByAppId } from "../model/catalog";
import type { PermissionSet } from "./required-permissions";

/**
 * Which existing objects (`application.existing`) the stack takes over, with the import IDs the azuread provider
 * expects (its docs' Import sections; shared/spec/microsoft-facts.md, "Adoption"), and which it leaves alone because
 * no declared mailbox needs them. One derivation for the constructs (Terraform `import` blocks) and the adoption
 * report of `genesys-email import`.
 */
export interface AdoptionPlan {
  /** `azuread_application`: managed mode only. */
  readonly application?: string;
  /** `azuread_service_principal`: managed mode only. */
  readonly servicePrincipal?: string;
  /** `azuread_application_api_access` by resource app ID: bring-your-own mode, for each needed API the app already lists. */
  readonly apiAccess: Readonly<Record<string, string>>;
  /** `azuread_service_principal_delegated_permission_grant` by resource app ID: each needed consent that exists. */
  readonly delegatedGrants: Readonly<Record<string, string>>;
  /** `azuread_app_role_assignment` by app role ID: each needed application permission whose consent exists. */
  readonly appRoleAssignments: Readonly<Record<string, string>>;
  /** Existing consents no declared mailbox needs: neither imported nor deleted by Terraform. */
  readonly unmanaged: {
    readonly delegatedGrants: ReadonlyArray<{ readonly resourceAppId: string; readonly id: string }>;
    readonly appRoleAssignments: ReadonlyArray<{ readonly appRoleId: string; readonly id: string }>;
  };
}

export const importIds = {
  application: (objectId: string) => `/applications/${objectId}`,
  servicePrincipal: (objectId: string) => `/servicePrincipals/${objectId}`,
  apiAccess: (applicationObjectId: string, apiClientId: string) => `/applications/${applicationObjectId}/apiAccess/${apiClientId}`,
  delegatedGrant: (grantId: string) => `/oauth2PermissionGrants/${grantId}`,
  appRoleAssignment: (resourceServicePrincipalObjectId: string, assignmentId: string) => `/servicePrincipals/${resourceServicePrincipalObjectId}/appRoleAssignedTo/${assignmentId}`,
} as const;

const lower = (record: Readonly<Record<string, string>> | undefined) => Object.entries(record ?? {}).map(([k, v]) => [k.toLowerCase(), v] as const);

/** The adoption plan of a valid config (GE135-GE138 hold); empty without `application.existing`. */
export function adoptionPlan(config: Pick<EmailConfig, "application">, permissions: PermissionSet): AdoptionPlan {
  const existing = config.application.existing;
  const empty: AdoptionPlan = { apiAccess: {}, delegatedGrants: {}, appRoleAssignments: {}, unmanaged: { delegatedGrants: [], appRoleAssignments: [] } };
  if (!existing) return empty;
  const byo = config.application.clientId !== undefined;
  const needsDelegated = new Set(permissions.byResource.filter((r) => r.permissions.some((p) => p.type === "Scope")).map((r) => r.resource.appId));
  const needsRole = new Set(permissions.application.map((p) => p.id));
  const needsResource = new Set(permissions.byResource.map((r) => r.resource.appId));
  const resourceSps = new Map(lower(existing.resourceServicePrincipals));

  const apiAccess: Record<string, string> = {};
  if (byo) {
    for (const appId of existing.apiAccess ?? []) {
      const id = appId.toLowerCase();
      if (needsResource.has(id)) apiAccess[id] = importIds.apiAccess(existing.objectId, id);
    }
  }
  const delegatedGrants: Record<string, string> = {};
  const unmanagedGrants: Array<{ resourceAppId: string; id: string }> = [];
  for (const [appId, id] of lower(existing.delegatedGrants)) {
    if (!resourceApiByAppId(appId)) continue;
    if (needsDelegated.has(appId)) delegatedGrants[appId] = importIds.delegatedGrant(id);
    else unmanagedGrants.push({ resourceAppId: appId, id });
  }
  const appRoleAssignments: Record<string, string> = {};
  const unmanagedRoles: Array<{ appRoleId: string; id: string }> = [];
  for (const [roleId, id] of lower(existing.appRoleAssignments)) {
    const role = catalogAppRole(roleId);
    const sp = role && resourceSps.get(role.resource.appId);
    if (!role || !sp) continue;
    if (needsRole.has(roleId)) appRoleAssignments[roleId] = importIds.appRoleAssignment(sp, id);
    else unmanagedRoles.push({ appRoleId: roleId, id });
  }
  return {
    ...(byo ? {} : { application: importIds.application(existing.objectId) }),
    ...(!byo && existing.servicePrincipalObjectId ? { servicePrincipal: importIds.servicePrincipal(existing.servicePrincipalObjectId) } : {}),
    apiAccess,
    delegatedGrants,
    appRoleAssignments,
    unmanaged: { delegatedGrants: unmanagedGrants, appRoleAssignments: unmanagedRoles },
  };
}
