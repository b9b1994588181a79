/**
 * The Microsoft permission catalog: every permission this tool may request, each
 * GUID under the resource application that owns it. A permission GUID belongs to
 * exactly one resource: never list a Graph GUID under Exchange Online or the reverse.
 *
 * Sources (shared/spec/microsoft-facts.md):
 * - Microsoft Graph permissions reference, learn.microsoft.com/graph/permissions-reference
 * - "Authenticate an IMAP, POP or SMTP connection using OAuth",
 *   learn.microsoft.com/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth
 * - "Authenticate an EWS application by using OAuth",
 *   learn.microsoft.com/exchange/client-developer/exchange-web-services/how-to-authenticate-an-ews-application-by-using-oauth
 * - merill/microsoft-info (exports of the live service principals' oauth2PermissionScopes / appRoles)
 */

/** A resource application (API) that permissions are requested from. */
export interface ResourceApi {
  readonly name: string;
  /** Its well-known application (client) ID: `required_resource_access.resource_app_id`. */
  readonly appId: string;
}

export const MICROSOFT_GRAPH: ResourceApi = { name: "Microsoft Graph", appId: "00000003-0000-0000-c000-000000000000" };
export const EXCHANGE_ONLINE: ResourceApi = { name: "Office 365 Exchange Online", appId: "00000002-0000-0ff1-ce00-000000000000" };

/** `Scope`: delegated (acts as the signed-in mailbox). `Role`: application (app-only, high-risk). */
export type PermissionType = "Scope" | "Role";

export interface Permission {
  readonly resource: ResourceApi;
  /** The permission's value, e.g. `IMAP.AccessAsUser.All`. */
  readonly value: string;
  readonly id: string;
  readonly type: PermissionType;
}

function delegated(resource: ResourceApi, value: string, id: string): Permission {
  return { resource, value, id, type: "Scope" };
}
function application(resource: ResourceApi, value: string, id: string): Permission {
  return { resource, value, id, type: "Role" };
}

/** Office 365 Exchange Online, delegated: the vendor's layout for the legacy protocols. */
export const EXCHANGE_DELEGATED = {
  "User.Read": delegated(EXCHANGE_ONLINE, "User.Read", "6223a6d3-53ef-4f8f-982a-895b39483c61"),
  "EWS.AccessAsUser.All": delegated(EXCHANGE_ONLINE, "EWS.AccessAsUser.All", "3b5f3d61-589b-4a3c-a359-5dd4b5ee5bd5"),
  "IMAP.AccessAsUser.All": delegated(EXCHANGE_ONLINE, "IMAP.AccessAsUser.All", "195adc35-e27b-454b-a7ed-1ecdffa1c09f"),
  "POP.AccessAsUser.All": delegated(EXCHANGE_ONLINE, "POP.AccessAsUser.All", "fb698133-92fa-453e-a9ed-688e10f2e5ac"),
  "SMTP.Send": delegated(EXCHANGE_ONLINE, "SMTP.Send", "76faac2a-0f20-42f1-928a-50de5b9dbe52"),
} as const;

/** Microsoft Graph, delegated: Microsoft's newer layout for the same protocols. */
export const GRAPH_DELEGATED = {
  "User.Read": delegated(MICROSOFT_GRAPH, "User.Read", "e1fe6dd8-ba31-4d61-89e7-88639da4683d"),
  "EWS.AccessAsUser.All": delegated(MICROSOFT_GRAPH, "EWS.AccessAsUser.All", "9769c687-087d-48ac-9cb3-c37dde652038"),
  "IMAP.AccessAsUser.All": delegated(MICROSOFT_GRAPH, "IMAP.AccessAsUser.All", "652390e4-393a-48de-9484-05f9b1212954"),
  "POP.AccessAsUser.All": delegated(MICROSOFT_GRAPH, "POP.AccessAsUser.All", "d7b7f2d9-0f45-4ea1-9d42-e50810c06991"),
  "SMTP.Send": delegated(MICROSOFT_GRAPH, "SMTP.Send", "258f6531-6087-4cc4-bb90-092c5fb3ed3f"),
} as const;

/**
 * Microsoft Graph, application: what Genesys lists for its Graph mailboxes
 * (all.docs.genesys.com/PEC-IWD/Current/Administrator/IWDOfficeMailbox). For E-mail
 * Server classic no list was found (unverified): the same two are assumed.
 */
export const GRAPH_APPLICATION = {
  "Mail.ReadWrite": application(MICROSOFT_GRAPH, "Mail.ReadWrite", "e2a3a72e-5f79-4c64-b1b1-878b674786c9"),
  "Mail.Send": application(MICROSOFT_GRAPH, "Mail.Send", "b633e1c5-b582-4048-a93e-9f11b44c7e96"),
} as const;

export type DelegatedPermissionName = keyof typeof EXCHANGE_DELEGATED;

/**
 * Exchange Online RBAC for Applications: the management roles that grant the same access as
 * the Graph application permissions above, but only to the mailboxes in the role assignment's
 * scope. Assigned in Exchange Online PowerShell (`New-ManagementRoleAssignment -App … -Role …`),
 * not in Entra. Role names: learn.microsoft.com/exchange/permissions-exo/application-rbac
 * ("Supported Application Roles").
 */
export const EXCHANGE_APPLICATION_ROLES = {
  "Mail.ReadWrite": "Application Mail.ReadWrite",
  "Mail.Send": "Application Mail.Send",
} as const satisfies Readonly<Record<keyof typeof GRAPH_APPLICATION, string>>;

export type ExchangeApplicationRole = (typeof EXCHANGE_APPLICATION_ROLES)[keyof typeof EXCHANGE_APPLICATION_ROLES];

/**
 * The app role ID of "default access": assigning a user to an application that defines no app role for users
 * (`azuread_app_role_assignment` with this `app_role_id`; the azuread provider's docs/resources/app_role_assignment.md,
 * shared/spec/microsoft-facts.md "Day two on the app registration").
 */
export const DEFAULT_ACCESS_APP_ROLE_ID = "00000000-0000-0000-0000-000000000000";

/** The resource applications this tool requests permissions from, in catalog order. */
export const RESOURCE_APIS: readonly ResourceApi[] = [EXCHANGE_ONLINE, MICROSOFT_GRAPH];

/** Every permission in the catalog: delegated under both layouts, and the Graph application permissions. */
export const CATALOG: readonly Permission[] = [
  ...Object.values(EXCHANGE_DELEGATED),
  ...Object.values(GRAPH_DELEGATED),
  ...Object.values(GRAPH_APPLICATION),
];

/** A resource application by its app ID (case-insensitive), if the catalog knows it. */
export function resourceApiByAppId(appId: string): ResourceApi | undefined {
  return RESOURCE_APIS.find((r) => r.appId === appId.toLowerCase());
}

/** A catalog permission by resource app ID and permission ID (both case-insensitive). */
export function catalogPermission(resourceAppId: string, id: string): Permission | undefined {
  return CATALOG.find((p) => p.resource.appId === resourceAppId.toLowerCase() && p.id === id.toLowerCase());
}

/** An application permission (app role) of the catalog by its ID, whatever its resource. */
export function catalogAppRole(id: string): Permission | undefined {
  return CATALOG.find((p) => p.type === "Role" && p.id === id.toLowerCase());
}
