import type { EmailConfig, GraphMailboxAccess, PermissionLayout, ServerType } from "../model/config";
import { compareText } from "../model/order";
import { oauthMailboxes, usesPasswordFlow, usesClientCredentials } from "../model/mailbox";
import {
  EXCHANGE_APPLICATION_ROLES,
  EXCHANGE_DELEGATED,
  GRAPH_APPLICATION,
  GRAPH_DELEGATED,
  type DelegatedPermissionName,
  type ExchangeApplicationRole,
  type Permission,
  type ResourceApi,
} from "../model/catalog";

/**
 * What each protocol needs over OAuth 2.0, per the vendor's page
 * ("For the EWS protocol, the Azure application must have … User.Read, EWS.AccessAsUser.All";
 * IMAP: User.Read + IMAP.AccessAsUser.All; POP3: User.Read + POP.AccessAsUser.All;
 * SMTP: SMTP.Send; Graph: Mail.ReadWrite + Mail.Send application permissions with admin consent).
 *
 * GRAPH mailboxes get the same two rights one of two ways (`application.graphMailboxAccess`):
 * - `tenant-consent` (default): Entra application permissions with admin consent, as the vendor asks. Tenant-wide:
 *   an Exchange Online RBAC for Applications scope does not narrow it, because Exchange adds RBAC grants to Entra
 *   grants (learn.microsoft.com/exchange/permissions-exo/application-rbac); an application access policy restricts
 *   it (learn.microsoft.com/exchange/permissions-exo/application-access-policies).
 * - `exchange-rbac`: nothing in Entra (neither requested in the app registration nor consented); the Exchange roles
 *   `Application Mail.ReadWrite` / `Application Mail.Send`, assigned with a scope in Exchange Online, are the only grant.
 *   Microsoft's RBAC for Applications steps have no Entra permission step: the role assignment is the grant.
 */
const DELEGATED_BY_PROTOCOL: Readonly<Record<Exclude<ServerType, "GRAPH">, readonly DelegatedPermissionName[]>> = {
  IMAP: ["User.Read", "IMAP.AccessAsUser.All"],
  POP3: ["User.Read", "POP.AccessAsUser.All"],
  EWS: ["User.Read", "EWS.AccessAsUser.All"],
  SMTP: ["SMTP.Send"],
};
const GRAPH_MAIL = ["Mail.ReadWrite", "Mail.Send"] as const;
const APPLICATION_FOR_GRAPH: readonly Permission[] = GRAPH_MAIL.map((name) => GRAPH_APPLICATION[name]);
/** The Exchange RBAC for Applications roles that stand in for APPLICATION_FOR_GRAPH in `exchange-rbac` mode. */
export const EXCHANGE_ROLES_FOR_GRAPH: readonly ExchangeApplicationRole[] = GRAPH_MAIL.map((name) => EXCHANGE_APPLICATION_ROLES[name]);

/** A permission and the protocols that need it. */
export interface RequiredPermission extends Permission {
  readonly requiredBy: readonly ServerType[];
}

/** The permissions one resource application is asked for: one `required_resource_access` block. */
export interface ResourceAccess {
  readonly resource: ResourceApi;
  readonly permissions: readonly RequiredPermission[];
}

export interface PermissionSet {
  /** Every permission, sorted by resource app ID, then type, then value (stable output). */
  readonly permissions: readonly RequiredPermission[];
  /** Grouped by resource, each GUID under its own resource. */
  readonly byResource: readonly ResourceAccess[];
  readonly delegated: readonly RequiredPermission[];
  /** Application (app-only) permissions granted in Entra (app role assignments). None in `exchange-rbac` mode. */
  readonly application: readonly RequiredPermission[];
  /** `fallback_public_client_enabled`: only the resource-owner password flow needs a public client. */
  readonly publicClient: boolean;
  /** A client secret is needed only for GRAPH's client-credentials flow (in either `graphMailboxAccess` mode). */
  readonly clientSecret: boolean;
  /**
   * Where GRAPH mailboxes' mail access is granted (`application.graphMailboxAccess`).
   * @default "tenant-consent" (always set by `requiredPermissions`)
   */
  readonly graphMailboxAccess?: GraphMailboxAccess;
  /**
   * Exchange Online RBAC for Applications roles exchange-setup.ps1 must assign, scoped to the GRAPH mailboxes, for
   * the app to reach them: `["Application Mail.ReadWrite", "Application Mail.Send"]` in `exchange-rbac` mode with a
   * GRAPH mailbox. Empty in `tenant-consent` mode, where the Entra grant (`application`) gives the access.
   * @default [] (always set by `requiredPermissions`)
   */
  readonly exchangeRoles?: readonly ExchangeApplicationRole[];
}

/** What `requiredPermissions` returns: a PermissionSet with every field set. */
export type DerivedPermissionSet = PermissionSet & Required<Pick<PermissionSet, "graphMailboxAccess" | "exchangeRoles">>;

function delegatedCatalog(layout: PermissionLayout) {
  return layout === "microsoft-graph" ? GRAPH_DELEGATED : EXCHANGE_DELEGATED;
}

function comparePermissions(a: Permission, b: Permission): number {
  return (
    compareText(a.resource.appId, b.resource.appId) || compareText(a.type, b.type) || compareText(a.value, b.value)
  );
}

/**
 * Exactly the permissions the declared OAuth 2.0 mailboxes need, and no more. Basic-auth mailboxes need none.
 * In `exchange-rbac` mode a GRAPH mailbox adds no Entra permission, only `exchangeRoles` (and the client secret).
 */
export function requiredPermissions(config: Pick<EmailConfig, "mailboxes" | "application">): DerivedPermissionSet {
  const layout = config.application?.permissionLayout ?? "exchange-online";
  const graphMailboxAccess: GraphMailboxAccess = config.application?.graphMailboxAccess ?? "tenant-consent";
  const catalog = delegatedCatalog(layout);
  const needed = new Map<string, { permission: Permission; requiredBy: Set<ServerType> }>();
  const add = (permission: Permission, protocol: ServerType) => {
    const key = `${permission.resource.appId}/${permission.id}`;
    const entry = needed.get(key) ?? { permission, requiredBy: new Set<ServerType>() };
    entry.requiredBy.add(protocol);
    needed.set(key, entry);
  };
  let publicClient = false;
  let clientSecret = false;
  for (const { mailbox } of oauthMailboxes(config)) {
    const type = mailbox.server.type;
    if (usesClientCredentials(mailbox)) {
      clientSecret = true;
      if (graphMailboxAccess === "tenant-consent") for (const p of APPLICATION_FOR_GRAPH) add(p, type);
    } else if (type !== "GRAPH") {
      publicClient = publicClient || usesPasswordFlow(mailbox);
      for (const name of DELEGATED_BY_PROTOCOL[type]) add(catalog[name], type);
    }
  }
  const order: ServerType[] = ["IMAP", "POP3", "EWS", "GRAPH", "SMTP"];
  const permissions: RequiredPermission[] = [...needed.values()]
    .map(({ permission, requiredBy }) => ({
      ...permission,
      requiredBy: order.filter((t) => requiredBy.has(t)),
    }))
    .sort(comparePermissions);
  const byResource: ResourceAccess[] = [];
  for (const p of permissions) {
    const last = byResource[byResource.length - 1];
    if (last && last.resource.appId === p.resource.appId) (last.permissions as RequiredPermission[]).push(p);
    else byResource.push({ resource: p.resource, permissions: [p] });
  }
  return {
    permissions,
    byResource,
    delegated: permissions.filter((p) => p.type === "Scope"),
    application: permissions.filter((p) => p.type === "Role"),
    publicClient,
    clientSecret,
    graphMailboxAccess,
    exchangeRoles: clientSecret && graphMailboxAccess === "exchange-rbac" ? EXCHANGE_ROLES_FOR_GRAPH : [],
  };
}
