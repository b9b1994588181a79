import type { EmailConfig } from "../model/config";
import { catalogAppRole, resourceApiByAppId, type Permission } from "../model/catalog";
import { compareText } from "../model/order";
import { plural } from "../text/terminal";
import type { AdoptionPlan, DerivedPermissionSet } from "../permissions";
import { applicationOwners } from "../model/application";
import { passwordFlowLogins } from "../model/mailbox";
import type { AdoptionInput, ListedPermission } from "./model";

/**
 * The adoption report: what the first `terraform plan` after `import` changes, in words. Everything here is
 * derived from `requiredPermissions` (what the declared mailboxes need) and `adoptionPlan` (what is imported),
 * the same derivations the constructs synthesize from, compared with what Graph returned.
 */
export interface PermissionChange {
  readonly resource: string;
  readonly resourceAppId: string;
  /** The permission's value (`POP.AccessAsUser.All`), or its ID when the catalog does not know it. */
  readonly permission: string;
  readonly id: string;
  readonly type: "delegated" | "application";
  readonly reason: string;
}

export interface ConsentChange {
  readonly resource: string;
  readonly resourceAppId: string;
  /** `adopted` unchanged; `narrowed`/`widened`/`changed` in place; `created` new; `left` not managed. */
  readonly action: "adopted" | "narrowed" | "widened" | "changed" | "created" | "left";
  /** Delegated: the scope values; application: the one app role. */
  readonly permissions: readonly string[];
  readonly removes: readonly string[];
  readonly adds: readonly string[];
  /** Graph's id of the existing consent, when there is one. */
  readonly id?: string;
  /** For `left`: the request that revokes it by hand. */
  readonly revoke?: string;
}

export interface ImportedResource {
  /** The Terraform resource type. */
  readonly type: string;
  readonly what: string;
  readonly importId: string;
}

export interface AdoptionReport {
  readonly application: {
    readonly displayName: string;
    readonly clientId: string;
    readonly objectId: string;
    readonly servicePrincipalObjectId?: string;
    readonly mode: "managed" | "bring-your-own";
  };
  readonly imports: readonly ImportedResource[];
  readonly removedPermissions: readonly PermissionChange[];
  readonly addedPermissions: readonly PermissionChange[];
  /** Listed permissions of APIs that bring-your-own mode does not manage: they stay. */
  readonly untouchedPermissions: readonly PermissionChange[];
  readonly delegatedConsents: readonly ConsentChange[];
  readonly applicationConsents: readonly ConsentChange[];
  /** Changes to the app registration's own settings (managed mode). */
  readonly applicationChanges: readonly string[];
  /**
   * Managed mode: what day-two protection changes on the adopted app (owners replaced, prevent_destroy, assignment
   * required with the mailbox accounts assigned). Empty in bring-your-own mode, which manages none of it.
   */
  readonly protection: readonly string[];
  /** The client secret: what happens to it, and what Genesys must receive. */
  readonly secret?: string;
  /** Consents Terraform leaves alone that are not listed above (per-user consents, other APIs). */
  readonly otherConsents: readonly string[];
  readonly tellGenesys: readonly string[];
}

interface ReportInput {
  readonly input: AdoptionInput;
  readonly config: EmailConfig;
  readonly permissions: DerivedPermissionSet;
  readonly plan: AdoptionPlan;
  readonly listed: readonly ListedPermission[];
}

const PROTOCOL_OF: Readonly<Record<string, string>> = {
  "IMAP.AccessAsUser.All": "IMAP",
  "POP.AccessAsUser.All": "POP3",
  "EWS.AccessAsUser.All": "EWS",
  "SMTP.Send": "SMTP",
};

function resourceName(appId: string): string {
  return resourceApiByAppId(appId)?.name ?? `API ${appId}`;
}

/** Why the declared mailboxes do not need a permission the app lists. */
function removalReason(p: ListedPermission, config: EmailConfig, needed: DerivedPermissionSet): string {
  const value = p.permission?.value;
  if (!p.permission) return "not a permission Genesys E-mail Server uses (or listed under the wrong API)";
  const layoutResource = config.application.permissionLayout === "microsoft-graph" ? "Microsoft Graph" : "Office 365 Exchange Online";
  if (p.type === "Scope" && p.permission.resource.name !== layoutResource) {
    return value === "User.Read"
      ? `the portal adds it by default; the mailboxes' delegated permissions are under ${layoutResource} (permissionLayout)`
      : `the mailboxes' delegated permissions are under ${layoutResource} (permissionLayout)`;
  }
  if (p.type === "Role") {
    return needed.clientSecret && config.application.graphMailboxAccess === "exchange-rbac"
      ? "graphMailboxAccess: exchange-rbac grants GRAPH mailboxes' access in Exchange Online, not in Entra"
      : "no GRAPH mailbox is declared";
  }
  if (value === "User.Read") return "no declared mailbox uses OAuth 2.0 through the password flow";
  const protocol = value ? PROTOCOL_OF[value] : undefined;
  if (protocol === "SMTP") return "the outbound mailbox does not use OAuth 2.0";
  if (protocol === "POP3") return "no POP3 mailbox uses OAuth 2.0 (Genesys does not support it yet)";
  return protocol ? `no ${protocol} mailbox uses OAuth 2.0` : "no declared mailbox needs it";
}

function change(p: { resourceAppId: string; id: string; type: "Scope" | "Role"; permission?: Permission }, reason: string): PermissionChange {
  return {
    resource: resourceName(p.resourceAppId),
    resourceAppId: p.resourceAppId,
    permission: p.permission?.value ?? p.id,
    id: p.id,
    type: p.type === "Scope" ? "delegated" : "application",
    reason,
  };
}

const byResourceThenName = (a: PermissionChange, b: PermissionChange) => compareText(a.resource, b.resource) || compareText(a.permission, b.permission);

function setDiff(a: readonly string[], b: readonly string[]): string[] {
  const other = new Set(b.map((x) => x.toLowerCase()));
  return a.filter((x) => !other.has(x.toLowerCase()));
}

export function adoptionReport({ input, config, permissions, plan, listed }: ReportInput): AdoptionReport {
  const app = input.application.value;
  const sp = input.servicePrincipal?.value;
  const byo = config.application.clientId !== undefined;
  const existing = config.application.existing!;
  const neededKey = new Set(permissions.permissions.map((p) => `${p.resource.appId}/${p.id}`));
  const listedKey = new Set(listed.map((p) => `${p.resourceAppId}/${p.id}`));
  const managedResources = new Set(byo ? permissions.byResource.map((r) => r.resource.appId) : [...listed.map((p) => p.resourceAppId), ...permissions.byResource.map((r) => r.resource.appId)]);

  const removed = listed.filter((p) => !neededKey.has(`${p.resourceAppId}/${p.id}`) && managedResources.has(p.resourceAppId)).map((p) => change(p, removalReason(p, config, permissions)));
  const untouched = listed.filter((p) => !managedResources.has(p.resourceAppId)).map((p) => change(p, "bring-your-own mode manages only the APIs the mailboxes need; remove it in the portal if no one uses it"));
  const added = permissions.permissions
    .filter((p) => !listedKey.has(`${p.resource.appId}/${p.id}`))
    .map((p) => change({ resourceAppId: p.resource.appId, id: p.id, type: p.type, permission: p }, `needed by ${p.requiredBy.join(", ")}`));

  // Delegated consents: the tenant-wide grant per resource, compared with the claim values the stack writes.
  const grants = (input.grants?.value ?? []).filter((g) => g.consentType === "AllPrincipals");
  const resourceOf = (objectId: string) => input.resources?.value.find((r) => r.id.toLowerCase() === objectId.toLowerCase())?.appId.toLowerCase();
  const delegatedConsents: ConsentChange[] = [];
  for (const r of permissions.byResource) {
    const wanted = r.permissions.filter((p) => p.type === "Scope").map((p) => p.value);
    if (wanted.length === 0) continue;
    const grant = grants.find((g) => resourceOf(g.resourceId) === r.resource.appId);
    const have = (grant?.scope ?? "").split(" ").filter(Boolean);
    const removes = grant ? setDiff(have, wanted) : [];
    const adds = grant ? setDiff(wanted, have) : wanted;
    const action = !grant ? "created" : removes.length && adds.length ? "changed" : removes.length ? "narrowed" : adds.length ? "widened" : "adopted";
    delegatedConsents.push({ resource: r.resource.name, resourceAppId: r.resource.appId, action, permissions: wanted, removes, adds, ...(grant ? { id: grant.id } : {}) });
  }
  for (const left of plan.unmanaged.delegatedGrants) {
    const grant = grants.find((g) => g.id === left.id);
    delegatedConsents.push({
      resource: resourceName(left.resourceAppId),
      resourceAppId: left.resourceAppId,
      action: "left",
      permissions: (grant?.scope ?? "").split(" ").filter(Boolean),
      removes: [],
      adds: [],
      id: left.id,
      revoke: `az rest --method delete --url 'https://graph.microsoft.com/v1.0/oauth2PermissionGrants/${left.id}'`,
    });
  }

  const applicationConsents: ConsentChange[] = [];
  for (const p of permissions.application) {
    const id = existing.appRoleAssignments?.[p.id];
    applicationConsents.push({ resource: p.resource.name, resourceAppId: p.resource.appId, action: id ? "adopted" : "created", permissions: [p.value], removes: [], adds: id ? [] : [p.value], ...(id ? { id } : {}) });
  }
  for (const left of plan.unmanaged.appRoleAssignments) {
    const role = catalogAppRole(left.appRoleId)!;
    applicationConsents.push({
      resource: role.resource.name,
      resourceAppId: role.resource.appId,
      action: "left",
      permissions: [role.value],
      removes: [],
      adds: [],
      id: left.id,
      revoke: `az rest --method delete --url 'https://graph.microsoft.com/v1.0/servicePrincipals/${existing.servicePrincipalObjectId}/appRoleAssignments/${left.id}'`,
    });
  }

  const otherConsents: string[] = [];
  const perUser = (input.grants?.value ?? []).filter((g) => g.consentType === "Principal").length;
  if (perUser) otherConsents.push(`${plural(perUser, "per-user consent")} (consentType Principal): not managed, left as they are.`);
  for (const g of grants.filter((x) => !resourceOf(x.resourceId))) otherConsents.push(`The consent ${g.id} to another API (service principal ${g.resourceId}): not managed, left as it is.`);
  for (const a of (input.appRoleAssignments?.value ?? []).filter((x) => !catalogAppRole(x.appRoleId))) {
    otherConsents.push(`The app role ${a.appRoleId} of ${a.resourceDisplayName ?? a.resourceId} (assignment ${a.id}): not managed, left as it is.`);
  }

  const applicationChanges: string[] = [];
  if (!byo) {
    const audience = config.application.audience === "single-tenant" ? "AzureADMyOrg" : "AzureADMultipleOrgs";
    if (app.signInAudience !== audience) applicationChanges.push(`signInAudience changes from ${app.signInAudience ?? "unset"} to ${audience}.`);
    const fallback = app.isFallbackPublicClient === true;
    if (permissions.publicClient && !fallback) applicationChanges.push("Public client flows are turned on (isFallbackPublicClient: true): the password flow of IMAP/POP/SMTP/EWS needs them.");
    if (!permissions.publicClient && fallback) applicationChanges.push("Public client flows are turned off: no declared mailbox uses the password flow.");
    const uris = [...(app.identifierUris ?? [])];
    if (uris.length) applicationChanges.push(`The Application ID URI${uris.length > 1 ? "s" : ""} ${uris.join(", ")} ${uris.length > 1 ? "are" : "is"} removed (the vendor's app has none).`);
    for (const [block, value] of [
      ["web", app.web],
      ["spa", app.spa],
      ["publicClient", app.publicClient],
    ] as const) {
      const list = value?.redirectUris ?? [];
      if (list.length) applicationChanges.push(`The ${block} redirect URI${list.length > 1 ? "s" : ""} ${list.join(", ")} ${list.length > 1 ? "are" : "is"} removed (the vendor's app has none).`);
    }
  }

  const protection = byo ? [] : protectionChanges(config, sp?.appRoleAssignmentRequired === true);

  const secrets = app.passwordCredentials ?? [];
  const secretList = secrets.map((s) => `${s.displayName ?? "unnamed"} (${s.hint ? `${s.hint}…, ` : ""}expires ${s.endDateTime ?? "never"})`).join("; ");
  let secret: string | undefined;
  if (permissions.clientSecret && !byo) {
    secret =
      "A new client secret is created: Terraform's azuread_application_password cannot import an existing one, and Graph never returns a secret's text. " +
      (secrets.length ? `The existing secret${secrets.length > 1 ? "s" : ""} ${secretList} keep${secrets.length > 1 ? "" : "s"} working until ${secrets.length > 1 ? "they expire or are" : "it expires or is"} deleted. ` : "") +
      "After apply, give Genesys the new secret (terraform output -raw client_secret) for every GRAPH mailbox, out of band.";
  } else if (permissions.clientSecret && byo) {
    secret = `No secret is created for your own app: GRAPH mailboxes keep the secret Genesys already has${secrets.length ? ` (${secretList})` : ""}; application.clientSecret names where check reads it.`;
  } else if (secrets.length) {
    secret = `No GRAPH mailbox needs a secret; the existing secret${secrets.length > 1 ? "s" : ""} ${secretList} ${secrets.length > 1 ? "are" : "is"} not managed and stay${secrets.length > 1 ? "" : "s"} until deleted.`;
  }

  const imports: ImportedResource[] = [];
  if (plan.application) imports.push({ type: "azuread_application", what: `app registration ${app.displayName ?? ""}`.trim(), importId: plan.application });
  if (plan.servicePrincipal) imports.push({ type: "azuread_service_principal", what: "its service principal", importId: plan.servicePrincipal });
  for (const [appId, id] of Object.entries(plan.apiAccess)) imports.push({ type: "azuread_application_api_access", what: `API permissions for ${resourceName(appId)}`, importId: id });
  for (const [appId, id] of Object.entries(plan.delegatedGrants)) imports.push({ type: "azuread_service_principal_delegated_permission_grant", what: `admin consent for ${resourceName(appId)}`, importId: id });
  for (const [roleId, id] of Object.entries(plan.appRoleAssignments)) imports.push({ type: "azuread_app_role_assignment", what: `admin consent for ${catalogAppRole(roleId)!.value}`, importId: id });

  const graphMailboxes = config.mailboxes.inbound.filter((m) => m.server.type === "GRAPH").map((m) => m.name);
  const tellGenesys = [
    `client-id stays ${app.appId} (the same app registration): mailboxes already migrated keep working.`,
    ...(graphMailboxes.length && !byo ? [`The new client secret for the GRAPH mailbox${graphMailboxes.length > 1 ? "es" : ""} ${graphMailboxes.join(", ")} (after apply; out of band, never in the case text).`] : []),
    "Mailboxes that change type or permissions: send the migration request of genesys-email manifest.",
  ];

  return {
    application: {
      displayName: app.displayName ?? "",
      clientId: app.appId,
      objectId: app.id,
      ...(sp ? { servicePrincipalObjectId: sp.id } : {}),
      mode: byo ? "bring-your-own" : "managed",
    },
    imports,
    removedPermissions: removed.sort(byResourceThenName),
    addedPermissions: added.sort(byResourceThenName),
    untouchedPermissions: untouched.sort(byResourceThenName),
    delegatedConsents,
    applicationConsents,
    applicationChanges,
    protection,
    ...(secret ? { secret } : {}),
    otherConsents,
    tellGenesys,
  };
}

/** Owners, prevent_destroy and assignment required, as the first plan applies them to the adopted app. */
function protectionChanges(config: EmailConfig, assignmentWasRequired: boolean): string[] {
  const lines: string[] = [];
  const owners = applicationOwners(config);
  const who = owners ? [...owners.objectIds, ...owners.userPrincipalNames].join(", ") : "the identity running Terraform (azuread_client_config)";
  lines.push(
    `WARNING: owners become exactly ${who}, on the app registration and its service principal: every other owner is removed. List the ones to keep in application.owners.`,
  );
  if (config.application.preventDestroy) lines.push("prevent_destroy is set on the app registration and its service principal: no plan can delete them (application.preventDestroy: false turns it off).");
  const logins = passwordFlowLogins(config);
  if (config.application.assignmentRequired) {
    lines.push(
      `${assignmentWasRequired ? "Assignment required stays on" : "Assignment required is turned on"} (app_role_assignment_required): Entra issues tokens through this app only to assigned accounts. ` +
        (logins.length
          ? `Created: default access for ${logins.join(", ")}. An account that already has an assignment to the app makes apply fail (Graph refuses a second one): remove that assignment first.`
          : "No mailbox signs in with the password flow, so no account is assigned."),
    );
  } else if (logins.length) {
    lines.push("Assignment required is left off (application.assignmentRequired: false): any account of the tenant can sign in through the app (GE211).");
  }
  return lines;
}

function consentLine(c: ConsentChange, delegated: boolean): string {
  const what = delegated ? `${c.resource} (${c.permissions.join(" ")})` : `${c.permissions.join(" ")} (${c.resource})`;
  switch (c.action) {
    case "adopted":
      return `adopted as it is: ${what}`;
    case "narrowed":
      return `narrowed in place: ${c.resource} loses ${c.removes.join(", ")}`;
    case "widened":
      return `widened in place: ${c.resource} gains ${c.adds.join(", ")}`;
    case "changed":
      return `changed in place: ${c.resource} loses ${c.removes.join(", ")}, gains ${c.adds.join(", ")}`;
    case "created":
      return `created (no consent exists yet): ${what}`;
    case "left":
      return `left as it is, not managed (no declared mailbox needs it): ${what}; revoke it by hand if no one else uses it: ${c.revoke}`;
  }
}

/** The report as a person reads it. */
export function formatReport(report: AdoptionReport): string {
  const lines: string[] = [];
  const a = report.application;
  lines.push(`Adoption report: app registration ${a.displayName} (client ID ${a.clientId}, object ID ${a.objectId})`);
  lines.push(
    a.mode === "managed"
      ? "Mode: managed. Terraform takes over the app registration itself; its settings follow the config from now on."
      : "Mode: bring your own app (application.clientId). Terraform manages the app's API permissions and consents for the APIs the mailboxes need.",
  );
  lines.push("", "Terraform adopts (import blocks; Terraform 1.5 or later):");
  if (report.imports.length === 0) lines.push("  nothing");
  for (const i of report.imports) lines.push(`  ${i.type}: ${i.what} (${i.importId})`);
  lines.push("", "The first terraform plan then changes, in words:");
  lines.push("  API permissions removed (no declared mailbox needs them):");
  if (report.removedPermissions.length === 0) lines.push("    none");
  for (const p of report.removedPermissions) lines.push(`    - ${p.resource} ${p.permission} (${p.type}): ${p.reason}`);
  lines.push("  API permissions added:");
  if (report.addedPermissions.length === 0) lines.push("    none");
  for (const p of report.addedPermissions) lines.push(`    + ${p.resource} ${p.permission} (${p.type}): ${p.reason}`);
  if (report.untouchedPermissions.length) {
    lines.push("  API permissions left as they are:");
    for (const p of report.untouchedPermissions) lines.push(`    = ${p.resource} ${p.permission} (${p.type}): ${p.reason}`);
  }
  lines.push("  Admin consent (delegated, tenant-wide):");
  if (report.delegatedConsents.length === 0) lines.push("    none needed");
  for (const c of report.delegatedConsents) lines.push(`    ${consentLine(c, true)}`);
  lines.push("  Admin consent (application permissions):");
  if (report.applicationConsents.length === 0) lines.push("    none needed");
  for (const c of report.applicationConsents) lines.push(`    ${consentLine(c, false)}`);
  if (report.applicationChanges.length) {
    lines.push("  The app registration's settings:");
    for (const c of report.applicationChanges) lines.push(`    ${c}`);
  }
  if (report.protection.length) {
    lines.push("  Owners, protection and who may sign in:");
    for (const p of report.protection) lines.push(`    ${p}`);
  }
  if (report.secret) lines.push("  Client secret:", `    ${report.secret}`);
  if (report.otherConsents.length) {
    lines.push("  Other consents:");
    for (const c of report.otherConsents) lines.push(`    ${c}`);
  }
  lines.push("", "Tell Genesys Customer Care:");
  for (const t of report.tellGenesys) lines.push(`  - ${t}`);
  return `${lines.join("\n")}\n`;
}
