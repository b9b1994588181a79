import { compareText } from "../model/order";
import type { EmailConfig, Mailbox } from "../model/config";
import { allMailboxes, isDefaultAuthority, isInbound, normalizeAuthority, serverPort, tlsMode } from "../model/mailbox";
import { requiredPermissions, type DerivedPermissionSet, type Permission } from "../permissions";
import { quote } from "../text/terminal";
import { backendCredentials } from "../model/backend-secrets";
import type {
  ConfigDiff,
  DiffSide,
  Direction,
  FieldChange,
  ForbiddenChange,
  FromAddressChange,
  HighRiskChange,
  MailboxChange,
  MailboxRename,
  MailboxSummary,
  MigrationRequestDiff,
  PermissionRef,
} from "./model";

/** Byte order, not locale order: the same output on every machine. */
const byCode = compareText;

type Fields = ReadonlyArray<readonly [string, string | undefined]>;

/** A mailbox as comparable display values, effective (defaulted) values throughout. Secrets: only the variable name. */
function mailboxFields(m: Mailbox): Fields {
  const inbound = isInbound(m);
  const fields: Array<[string, string | undefined]> = [["mailbox", m.mailbox]];
  if (!inbound) fields.push(["fromAddress", m.fromAddress]);
  fields.push(["server.type", m.server.type], ["server.host", m.server.host], ["server.port", String(serverPort(m))], ["server.tls", tlsMode(m)]);
  const path = (m.server as { path?: string }).path;
  if (path !== undefined) fields.push(["server.path", path]);
  fields.push(["auth", m.auth]);
  if (inbound) fields.push(["maxSizeMb", String(m.maxSizeMb)]);
  fields.push(["password.env", m.password?.env], ["testMailbox", m.testMailbox ? "yes" : "no"]);
  if (inbound) fields.push(["designerApplication", m.designerApplication]);
  const suppressions = (m.suppressions ?? []).map((s) => s.id).sort(byCode).join(", ");
  fields.push(["suppressions", suppressions === "" ? undefined : suppressions]);
  return fields;
}

function fieldChanges(before: Fields, after: Fields, only?: ReadonlySet<string>): FieldChange[] {
  const old = new Map(before);
  const seen = new Set<string>();
  const changes: FieldChange[] = [];
  const push = (field: string, from: string | undefined, to: string | undefined) => {
    if (from === to || (only && !only.has(field))) return;
    changes.push({ field, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) });
  };
  for (const [field, to] of after) {
    seen.add(field);
    push(field, old.get(field), to);
  }
  for (const [field, from] of before) if (!seen.has(field)) push(field, from, undefined);
  return changes;
}

function summary(direction: Direction, m: Mailbox): MailboxSummary {
  return {
    direction,
    name: m.name,
    login: m.mailbox,
    server: `${m.server.type} ${m.server.host}:${serverPort(m)}`,
    auth: m.auth,
    testMailbox: m.testMailbox,
    ...(isInbound(m) && m.designerApplication !== undefined ? { designerApplication: m.designerApplication } : {}),
  };
}

const key = (direction: Direction, name: string) => `${direction}\u0000${name}`;

function mailboxMap(config: EmailConfig): Map<string, { direction: Direction; mailbox: Mailbox }> {
  const map = new Map<string, { direction: Direction; mailbox: Mailbox }>();
  for (const { direction, mailbox } of allMailboxes(config)) {
    const k = key(direction, mailbox.name);
    if (!map.has(k)) map.set(k, { direction, mailbox });
  }
  return map;
}

function compareMailboxes(before: EmailConfig, after: EmailConfig) {
  const old = mailboxMap(before);
  const next = mailboxMap(after);
  const added: Array<{ direction: Direction; mailbox: Mailbox }> = [];
  const changed: MailboxChange[] = [];
  for (const [k, entry] of next) {
    const previous = old.get(k);
    if (!previous) added.push(entry);
    else {
      const changes = fieldChanges(mailboxFields(previous.mailbox), mailboxFields(entry.mailbox));
      if (changes.length) changed.push({ direction: entry.direction, name: entry.mailbox.name, changes });
    }
  }
  const removed = [...old.entries()].filter(([k]) => !next.has(k)).map(([, v]) => v);

  // A removed and an added inbound mailbox with the same login on the same host: a rename.
  const identity = (m: Mailbox) => `${m.mailbox.toLowerCase()}\u0000${m.server.host.toLowerCase()}`;
  const candidates = new Map<string, Array<{ direction: Direction; mailbox: Mailbox }>>();
  for (const a of added) {
    if (a.direction !== "inbound") continue;
    const list = candidates.get(identity(a.mailbox)) ?? [];
    list.push(a);
    candidates.set(identity(a.mailbox), list);
  }
  const renamed: MailboxRename[] = [];
  const renamedFrom = new Set<Mailbox>();
  const renamedTo = new Set<Mailbox>();
  for (const r of removed) {
    if (r.direction !== "inbound") continue;
    const match = candidates.get(identity(r.mailbox))?.shift();
    if (!match) continue;
    renamedFrom.add(r.mailbox);
    renamedTo.add(match.mailbox);
    renamed.push({
      from: r.mailbox.name,
      to: match.mailbox.name,
      login: match.mailbox.mailbox,
      host: match.mailbox.server.host,
      changes: fieldChanges(mailboxFields(r.mailbox), mailboxFields(match.mailbox)),
    });
  }
  return {
    added: added.filter((a) => !renamedTo.has(a.mailbox)).map((a) => summary(a.direction, a.mailbox)),
    removed: removed.filter((r) => !renamedFrom.has(r.mailbox)).map((r) => summary(r.direction, r.mailbox)),
    renamed,
    changed,
    /** Every inbound mailbox gone from the new side, renamed or not, with its old definition. */
    goneInbound: removed.filter((r) => r.direction === "inbound").map((r) => r.mailbox),
  };
}

function forbiddenChanges(renamed: readonly MailboxRename[], gone: readonly Mailbox[]): ForbiddenChange[] {
  const out: ForbiddenChange[] = [];
  for (const r of renamed) {
    out.push({
      kind: "inbound-mailbox-renamed",
      mailbox: r.from,
      renamedTo: r.to,
      message: `Inbound mailbox ${quote(r.from)} is renamed to ${quote(r.to)} (same login ${quote(r.login)} on ${quote(r.host)}). Mailbox Name is create-only in Genesys: this deletes ${quote(r.from)} and creates ${quote(r.to)}.`,
      fix: `keep the name ${quote(r.from)}; to really rename, add ${quote(r.to)} as a new mailbox, move the Designer application to it, and remove ${quote(r.from)} in a later change`,
    });
  }
  for (const m of gone) {
    if (!isInbound(m) || m.designerApplication === undefined) continue;
    out.push({
      kind: "assigned-mailbox-removed",
      mailbox: m.name,
      designerApplication: m.designerApplication,
      message: `Inbound mailbox ${quote(m.name)} is removed while assigned to Designer application ${quote(m.designerApplication)}: an assigned mailbox is enabled, and cannot be deleted until it is disabled.`,
      fix: `first unassign it (remove designerApplication, disable it in Designer) and apply that; remove the mailbox in a later change`,
    });
  }
  return out;
}

function compareFromAddresses(before: EmailConfig, after: EmailConfig): ConfigDiff["fromAddresses"] {
  const list = (c: EmailConfig) => {
    const map = new Map<string, { name: string; displayName: string }>();
    for (const a of c.fromAddresses?.addresses ?? []) if (!map.has(a.name.toLowerCase())) map.set(a.name.toLowerCase(), a);
    return map;
  };
  const old = list(before);
  const next = list(after);
  const added: FromAddressChange[] = [];
  const changed: FromAddressChange[] = [];
  for (const [k, a] of next) {
    const previous = old.get(k);
    if (!previous) added.push({ name: a.name, displayName: a.displayName });
    else {
      const changes = fieldChanges(
        [["name", previous.name], ["displayName", previous.displayName]],
        [["name", a.name], ["displayName", a.displayName]],
      );
      if (changes.length) changed.push({ name: a.name, changes });
    }
  }
  const removed = [...old.entries()].filter(([k]) => !next.has(k)).map(([, a]) => ({ name: a.name, displayName: a.displayName }));
  const [folder] = fieldChanges([["fromAddresses.folder", before.fromAddresses?.folder]], [["fromAddresses.folder", after.fromAddresses?.folder]]);
  return { added, removed, changed, ...(folder ? { folder } : {}) };
}

function permissionRef(p: Permission): PermissionRef {
  return { resource: p.resource.name, resourceAppId: p.resource.appId, value: p.value, id: p.id, type: p.type };
}

const TYPE_WORDS = { Role: "Application permission", Scope: "Delegated permission" } as const;

function comparePermissions(before: EmailConfig, after: EmailConfig) {
  const old = requiredPermissions(before);
  const next = requiredPermissions(after);
  const id = (p: Permission) => `${p.resource.appId}/${p.id}`;
  const oldIds = new Set(old.permissions.map(id));
  const nextIds = new Set(next.permissions.map(id));
  const added = next.permissions.filter((p) => !oldIds.has(id(p))).map(permissionRef);
  const removed = old.permissions.filter((p) => !nextIds.has(id(p))).map(permissionRef);
  const risks: HighRiskChange[] = [];
  for (const p of added) {
    risks.push(
      p.type === "Role"
        ? {
            kind: "application-permission-added",
            // An RBAC for Applications scope does not narrow an Entra grant; an application access policy does
            // (learn.microsoft.com/exchange/permissions-exo/application-rbac, …/application-access-policies).
            message: `${TYPE_WORDS.Role} \`${p.value}\` (${p.resource}) is added, with admin consent (app role assignment): app-only access to every mailbox in the tenant unless an application access policy limits it (exchange-setup.ps1).`,
          }
        : { kind: "admin-consent-granted", message: `${TYPE_WORDS.Scope} \`${p.value}\` (${p.resource}) is added, with tenant-wide admin consent.` },
    );
  }
  for (const p of removed) {
    risks.push(
      p.type === "Role"
        ? { kind: "application-permission-removed", message: `${TYPE_WORDS.Role} \`${p.value}\` (${p.resource}) is removed and its admin consent revoked.` }
        : { kind: "admin-consent-revoked", message: `${TYPE_WORDS.Scope} \`${p.value}\` (${p.resource}) is removed and its admin consent revoked.` },
    );
  }
  risks.push(...exchangeAccessRisks(old, next));
  if (old.clientSecret !== next.clientSecret) {
    risks.push({
      kind: "client-secret",
      message: next.clientSecret
        ? "A client secret is created for the app (GRAPH's client credentials): a credential to rotate, kept in Terraform state."
        : "The app's client secret is no longer needed and is deleted.",
    });
  }
  if (old.publicClient !== next.publicClient) {
    risks.push({
      kind: "public-client",
      message: next.publicClient
        ? "Public client flows are enabled (fallback_public_client_enabled): the app signs in with mailbox passwords (resource-owner password flow)."
        : "Public client flows are disabled (fallback_public_client_enabled).",
    });
  }
  return { added, removed, risks };
}

/**
 * GRAPH mailboxes' access outside Entra (`graphMailboxAccess: exchange-rbac`): Exchange Online role assignments that
 * exchange-setup.ps1 makes and Terraform never sees, and a change of mode, whose order of steps decides whether the
 * mailboxes lose access or the app is briefly unscoped.
 */
function exchangeAccessRisks(old: DerivedPermissionSet, next: DerivedPermissionSet): HighRiskChange[] {
  const risks: HighRiskChange[] = [];
  const wasGraph = old.clientSecret;
  const isGraph = next.clientSecret;
  if (wasGraph && isGraph && old.graphMailboxAccess !== next.graphMailboxAccess) {
    risks.push({
      kind: "graph-mailbox-access",
      message:
        next.graphMailboxAccess === "exchange-rbac"
          ? "GRAPH mailbox access moves from tenant-wide Entra admin consent to Exchange Online RBAC for Applications: run the new exchange-setup.ps1 and check `Test-ServicePrincipalAuthorization` before `terraform apply` removes the Entra grant, or Genesys cannot reach the GRAPH mailboxes in between; then remove the old application access policy."
          : "GRAPH mailbox access moves from Exchange Online RBAC for Applications to tenant-wide Entra admin consent: after `terraform apply` the app reaches every mailbox in the tenant until the new exchange-setup.ps1 adds the application access policy, so run it right after the apply; the RBAC role assignments then limit nothing.",
    });
  }
  const oldRoles = new Set(old.exchangeRoles);
  const nextRoles = new Set(next.exchangeRoles);
  for (const role of next.exchangeRoles) {
    if (!oldRoles.has(role)) {
      risks.push({ kind: "exchange-role-added", message: `Exchange Online role \`${role}\` (RBAC for Applications) is needed for the GRAPH mailboxes: exchange-setup.ps1 assigns it, scoped to them; Terraform does not.` });
    }
  }
  for (const role of old.exchangeRoles) {
    if (!nextRoles.has(role)) {
      risks.push({ kind: "exchange-role-removed", message: `Exchange Online role \`${role}\` (RBAC for Applications) is no longer needed: remove its role assignment (\`Remove-ManagementRoleAssignment\`); Terraform does not.` });
    }
  }
  return risks;
}

function show(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
}

function compareBackend(before: EmailConfig, after: EmailConfig): FieldChange[] {
  const changes = fieldChanges([["backend.type", before.backend?.type ?? "local"]], [["backend.type", after.backend?.type ?? "local"]]);
  const old = before.backend?.config ?? {};
  const next = after.backend?.config ?? {};
  const credentialKeys = new Set(
    [...backendCredentials(before.backend?.type ?? "local", old), ...backendCredentials(after.backend?.type ?? "local", next)].map((c) => c.keys[0]!),
  );
  for (const k of [...new Set([...Object.keys(old), ...Object.keys(next)])].sort(byCode)) {
    const from = show(old[k]);
    const to = show(next[k]);
    if (from === to) continue;
    const field = `backend.config.${k}`;
    // A credential (refused by GE140, but an old revision may hold one): only the fact that it changed is shown.
    if (credentialKeys.has(k)) changes.push({ field, hidden: true });
    else changes.push({ field, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) });
  }
  return changes;
}

const REQUEST_FIELDS = new Set(["mailbox", "fromAddress", "server.type", "server.host", "server.port", "maxSizeMb", "designerApplication"]);

function migrationRequest(before: EmailConfig, after: EmailConfig): MigrationRequestDiff {
  const inRequest = (c: EmailConfig) => new Map([...mailboxMap(c)].filter(([, v]) => v.mailbox.auth === "oauth2"));
  const old = inRequest(before);
  const next = inRequest(after);
  const entering = [...next].filter(([k]) => !old.has(k)).map(([, v]) => v.mailbox.name);
  const leaving = [...old].filter(([k]) => !next.has(k)).map(([, v]) => v.mailbox.name);
  const changed: MailboxChange[] = [];
  for (const [k, v] of next) {
    const previous = old.get(k);
    if (!previous) continue;
    const changes = fieldChanges(mailboxFields(previous.mailbox), mailboxFields(v.mailbox), REQUEST_FIELDS);
    if (changes.length) changed.push({ direction: v.direction, name: v.mailbox.name, changes });
  }
  const testOf = (m: typeof old) => [...m.values()].find((v) => v.mailbox.testMailbox)?.mailbox.name;
  const [testMailbox] = fieldChanges([["test mailbox", testOf(old)]], [["test mailbox", testOf(next)]]);
  const authority = (c: EmailConfig) => (isDefaultAuthority(c.tenant.authority) ? undefined : normalizeAuthority(c.tenant.authority));
  const clientId = (c: EmailConfig) => c.application.clientId ?? "(created by this stack)";
  const tenant = fieldChanges(
    [["directory-id", before.tenant.directoryId], ["tenant-authority", authority(before)], ["client-id", clientId(before)]],
    [["directory-id", after.tenant.directoryId], ["tenant-authority", authority(after)], ["client-id", clientId(after)]],
  );
  return {
    entering,
    leaving,
    changed,
    ...(testMailbox ? { testMailbox } : {}),
    tenant,
    changes: entering.length + leaving.length + changed.length + tenant.length > 0 || testMailbox !== undefined,
  };
}

function suppressionList(c: EmailConfig): string[] {
  return (c.suppressions ?? []).map((s) => `${s.id}: ${s.reason}`);
}

/** Compares two validated configs (one environment each). Deterministic: file order, then byte order. */
export function diffConfigs(before: EmailConfig, after: EmailConfig, sides: { old: DiffSide; new: DiffSide }): ConfigDiff {
  const mailboxes = compareMailboxes(before, after);
  const permissions = comparePermissions(before, after);
  const tenant = fieldChanges(
    [["tenant.directoryId", before.tenant.directoryId], ["tenant.authority", isDefaultAuthority(before.tenant.authority) ? undefined : before.tenant.authority]],
    [["tenant.directoryId", after.tenant.directoryId], ["tenant.authority", isDefaultAuthority(after.tenant.authority) ? undefined : after.tenant.authority]],
  );
  const appFields = (c: EmailConfig): Fields => [
    ["application.displayName", c.application.displayName],
    ["application.audience", c.application.audience],
    ["application.permissionLayout", c.application.permissionLayout],
    ["application.clientId", c.application.clientId],
    ["application.clientSecret.env", c.application.clientSecret?.env],
    ["application.clientSecretLifetimeDays", String(c.application.clientSecretLifetimeDays)],
    ["application.graphMailboxAccess", c.application.graphMailboxAccess],
  ];
  const application = fieldChanges(appFields(before), appFields(after));
  const highRisk: HighRiskChange[] = [...permissions.risks];
  for (const c of application) {
    if (c.field === "application.audience") highRisk.push({ kind: "audience", message: `The sign-in audience changes from ${c.from} to ${c.to}${c.to === "multi-tenant" ? ": other tenants' administrators can consent to the app" : ""}.` });
    if (c.field === "application.clientId") highRisk.push({ kind: "application", message: `The app registration changes (${c.from ?? "created by this stack"} → ${c.to ?? "created by this stack"}): permissions and consents move to another app.` });
  }
  for (const c of tenant) {
    if (c.field === "tenant.directoryId") highRisk.push({ kind: "tenant", message: `The directory (tenant) ID changes (${c.from ?? "unset"} → ${c.to ?? "unset"}): the app and its consents belong to another tenant.` });
  }
  const before_ = new Set(suppressionList(before));
  const after_ = new Set(suppressionList(after));
  const suppressions = { added: [...after_].filter((s) => !before_.has(s)), removed: [...before_].filter((s) => !after_.has(s)) };
  const fromAddresses = compareFromAddresses(before, after);
  const backend = compareBackend(before, after);
  const request = migrationRequest(before, after);
  const forbidden = forbiddenChanges(mailboxes.renamed, mailboxes.goneInbound);
  const unchanged =
    mailboxes.added.length + mailboxes.removed.length + mailboxes.renamed.length + mailboxes.changed.length === 0 &&
    fromAddresses.added.length + fromAddresses.removed.length + fromAddresses.changed.length === 0 &&
    !fromAddresses.folder &&
    permissions.added.length + permissions.removed.length === 0 &&
    tenant.length + application.length + backend.length === 0 &&
    suppressions.added.length + suppressions.removed.length === 0 &&
    !request.changes;
  return {
    old: sides.old,
    new: sides.new,
    mailboxes: { added: mailboxes.added, removed: mailboxes.removed, renamed: mailboxes.renamed, changed: mailboxes.changed },
    fromAddresses,
    permissions: { added: permissions.added, removed: permissions.removed },
    tenant,
    application,
    backend,
    suppressions,
    migrationRequest: request,
    highRisk,
    forbidden,
    unchanged,
  };
}
