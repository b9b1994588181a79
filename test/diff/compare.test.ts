import { diffConfigs } from "../../src/diff";
import type { ConfigDiff } from "../../src/diff";
import type { EmailConfigInput } from "../../src/model/config";
import { validate } from "../../src/rules/engine";

const TENANT = "0c5a6b0e-1a2b-4c3d-8e9f-001122334455";

type Inbound = NonNullable<EmailConfigInput["mailboxes"]["inbound"]>[number];

function imap(name: string, extra: Partial<Inbound> = {}): Inbound {
  return { name, mailbox: `${name}@contoso.com`, server: { host: "outlook.office365.com", port: 993, type: "IMAP" }, password: { env: `${name.toUpperCase()}_PASSWORD` }, ...extra };
}

function config(inbound: Inbound[], extra: Partial<EmailConfigInput> = {}): EmailConfigInput {
  const [first, ...rest] = inbound;
  return { tenant: { directoryId: TENANT }, mailboxes: { inbound: first ? [{ ...first, testMailbox: true }, ...rest] : [] }, ...extra };
}

function diff(before: EmailConfigInput, after: EmailConfigInput): ConfigDiff {
  const a = validate(before);
  const b = validate(after);
  expect(a.errors).toEqual([]);
  expect(b.errors).toEqual([]);
  return diffConfigs(a.config!, b.config!, { old: { file: "old.yaml" }, new: { file: "new.yaml" } });
}

const SIDES = { old: { file: "old.yaml" }, new: { file: "new.yaml" } };

describe("diffConfigs", () => {
  it("no changes", () => {
    const d = diff(config([imap("support")]), config([imap("support")]));
    expect(d.unchanged).toBe(true);
    expect(d.forbidden).toEqual([]);
    expect(d.migrationRequest.changes).toBe(false);
  });

  it("defaults are compared by their effective value: maxSizeMb unset equals 5, port unset equals 993", () => {
    const { maxSizeMb: _m, ...plain } = imap("support", { maxSizeMb: 5 });
    const d = diff(config([plain]), config([imap("support", { maxSizeMb: 5, server: { host: "outlook.office365.com", type: "IMAP" } })]));
    expect(d.unchanged).toBe(true);
  });

  it("a mailbox changed field by field, a password reference as its variable name only", () => {
    const d = diff(
      config([imap("support", { maxSizeMb: 5 })]),
      config([imap("support", { maxSizeMb: 10, server: { host: "imap.contoso.com", port: 993, type: "IMAP" }, password: { env: "NEW_SUPPORT_PASSWORD" } })]),
    );
    expect(d.mailboxes.changed).toEqual([
      {
        direction: "inbound",
        name: "support",
        changes: [
          { field: "server.host", from: "outlook.office365.com", to: "imap.contoso.com" },
          { field: "maxSizeMb", from: "5", to: "10" },
          { field: "password.env", from: "SUPPORT_PASSWORD", to: "NEW_SUPPORT_PASSWORD" },
        ],
      },
    ]);
    expect(d.migrationRequest.changed).toEqual([
      { direction: "inbound", name: "support", changes: [{ field: "server.host", from: "outlook.office365.com", to: "imap.contoso.com" }, { field: "maxSizeMb", from: "5", to: "10" }] },
    ]);
    expect(d.forbidden).toEqual([]);
  });

  it("a mailbox added and one removed (not assigned): allowed; the request gains and loses them", () => {
    const d = diff(config([imap("support"), imap("old")]), config([imap("support"), imap("vip", { designerApplication: "VIP Email" })]));
    expect(d.mailboxes.added).toEqual([
      { direction: "inbound", name: "vip", login: "vip@contoso.com", server: "IMAP outlook.office365.com:993", auth: "oauth2", testMailbox: false, designerApplication: "VIP Email" },
    ]);
    expect(d.mailboxes.removed.map((m) => m.name)).toEqual(["old"]);
    expect(d.mailboxes.renamed).toEqual([]);
    expect(d.forbidden).toEqual([]);
    expect(d.migrationRequest).toMatchObject({ entering: ["vip"], leaving: ["old"], changes: true });
  });

  it("FORBIDDEN: removing a mailbox still assigned to a Designer application", () => {
    const d = diff(config([imap("support"), imap("sales", { designerApplication: "Sales Email" })]), config([imap("support")]));
    expect(d.forbidden).toEqual([
      {
        kind: "assigned-mailbox-removed",
        mailbox: "sales",
        designerApplication: "Sales Email",
        message: "Inbound mailbox `sales` is removed while assigned to Designer application `Sales Email`: an assigned mailbox is enabled, and cannot be deleted until it is disabled.",
        fix: "first unassign it (remove designerApplication, disable it in Designer) and apply that; remove the mailbox in a later change",
      },
    ]);
  });

  it("unassigning first (designerApplication removed, mailbox kept) is allowed", () => {
    const d = diff(config([imap("support"), imap("sales", { designerApplication: "Sales Email" })]), config([imap("support"), imap("sales")]));
    expect(d.forbidden).toEqual([]);
    expect(d.mailboxes.changed).toEqual([{ direction: "inbound", name: "sales", changes: [{ field: "designerApplication", from: "Sales Email" }] }]);
  });

  it("FORBIDDEN: renaming an inbound mailbox (removed + added with the same login and host), with its other changes", () => {
    const d = diff(config([imap("support"), imap("sales", { maxSizeMb: 5 })]), config([imap("support"), { ...imap("sales"), name: "sales_team", maxSizeMb: 8 }]));
    expect(d.mailboxes.renamed).toEqual([{ from: "sales", to: "sales_team", login: "sales@contoso.com", host: "outlook.office365.com", changes: [{ field: "maxSizeMb", from: "5", to: "8" }] }]);
    expect(d.mailboxes.added).toEqual([]);
    expect(d.mailboxes.removed).toEqual([]);
    expect(d.forbidden).toEqual([
      {
        kind: "inbound-mailbox-renamed",
        mailbox: "sales",
        renamedTo: "sales_team",
        message:
          "Inbound mailbox `sales` is renamed to `sales_team` (same login `sales@contoso.com` on `outlook.office365.com`). Mailbox Name is create-only in Genesys: this deletes `sales` and creates `sales_team`.",
        fix: "keep the name `sales`; to really rename, add `sales_team` as a new mailbox, move the Designer application to it, and remove `sales` in a later change",
      },
    ]);
    expect(d.migrationRequest).toMatchObject({ entering: ["sales_team"], leaving: ["sales"] });
  });

  it("renaming an assigned mailbox is both forbidden changes", () => {
    const d = diff(config([imap("support"), imap("sales", { designerApplication: "Sales" })]), config([imap("support"), { ...imap("sales", { designerApplication: "Sales" }), name: "sales2" }]));
    expect(d.forbidden.map((f) => `${f.kind} ${f.mailbox}`)).toEqual(["inbound-mailbox-renamed sales", "assigned-mailbox-removed sales"]);
  });

  it("the same login on another host is not a rename", () => {
    const d = diff(config([imap("support"), imap("sales")]), config([imap("support"), { ...imap("sales"), name: "sales2", server: { host: "imap.other.com", port: 993, type: "IMAP" } }]));
    expect(d.mailboxes.renamed).toEqual([]);
    expect(d.forbidden).toEqual([]);
  });

  it("From addresses added, removed, and a display name changed (matched case-insensitively)", () => {
    const d = diff(
      config([imap("support")], { fromAddresses: { folder: "A", addresses: [{ name: "a@contoso.com", displayName: "A" }, { name: "b@contoso.com", displayName: "B" }] } }),
      config([imap("support")], { fromAddresses: { folder: "A", addresses: [{ name: "B@contoso.com", displayName: "Bee" }, { name: "c@contoso.com", displayName: "C" }] } }),
    );
    expect(d.fromAddresses).toEqual({
      added: [{ name: "c@contoso.com", displayName: "C" }],
      removed: [{ name: "a@contoso.com", displayName: "A" }],
      changed: [{ name: "B@contoso.com", changes: [{ field: "name", from: "b@contoso.com", to: "B@contoso.com" }, { field: "displayName", from: "B", to: "Bee" }] }],
    });
  });

  it("Entra permissions from requiredPermissions on both sides; application permissions and the client secret are high risk", () => {
    const graph: Inbound = { name: "billing", mailbox: "billing@contoso.com", server: { host: "graph.microsoft.com", type: "GRAPH" } };
    const d = diff(config([imap("support")]), config([imap("support"), graph]));
    expect(d.permissions.added).toEqual([
      { resource: "Microsoft Graph", resourceAppId: "00000003-0000-0000-c000-000000000000", value: "Mail.ReadWrite", id: "e2a3a72e-5f79-4c64-b1b1-878b674786c9", type: "Role" },
      { resource: "Microsoft Graph", resourceAppId: "00000003-0000-0000-c000-000000000000", value: "Mail.Send", id: "b633e1c5-b582-4048-a93e-9f11b44c7e96", type: "Role" },
    ]);
    expect(d.permissions.removed).toEqual([]);
    expect(d.highRisk.map((r) => r.kind)).toEqual(["application-permission-added", "application-permission-added", "client-secret"]);
    expect(d.forbidden).toEqual([]);
  });

  describe("application.graphMailboxAccess: switching mode is an admin-consent change", () => {
    const graph: Inbound = { name: "billing", mailbox: "billing@contoso.com", server: { host: "graph.microsoft.com", type: "GRAPH" } };
    const GRAPH_APP = "00000003-0000-0000-c000-000000000000";
    const consent = config([imap("support"), graph]);
    const rbac = config([imap("support"), graph], { application: { graphMailboxAccess: "exchange-rbac" } });

    it("tenant-consent → exchange-rbac: both Entra grants revoked, the Exchange roles needed, and the order of steps", () => {
      // WHEN
      const d = diff(consent, rbac);
      // THEN
      expect(d.unchanged).toBe(false);
      expect(d.application).toEqual([{ field: "application.graphMailboxAccess", from: "tenant-consent", to: "exchange-rbac" }]);
      expect(d.permissions).toEqual({
        added: [],
        removed: [
          { resource: "Microsoft Graph", resourceAppId: GRAPH_APP, value: "Mail.ReadWrite", id: "e2a3a72e-5f79-4c64-b1b1-878b674786c9", type: "Role" },
          { resource: "Microsoft Graph", resourceAppId: GRAPH_APP, value: "Mail.Send", id: "b633e1c5-b582-4048-a93e-9f11b44c7e96", type: "Role" },
        ],
      });
      expect(d.highRisk).toEqual([
        { kind: "application-permission-removed", message: "Application permission `Mail.ReadWrite` (Microsoft Graph) is removed and its admin consent revoked." },
        { kind: "application-permission-removed", message: "Application permission `Mail.Send` (Microsoft Graph) is removed and its admin consent revoked." },
        {
          kind: "graph-mailbox-access",
          message:
            "GRAPH mailbox access moves from tenant-wide Entra admin consent to Exchange Online RBAC for Applications: run the new exchange-setup.ps1 and check `Test-ServicePrincipalAuthorization` before `terraform apply` removes the Entra grant, or Genesys cannot reach the GRAPH mailboxes in between; then remove the old application access policy.",
        },
        { kind: "exchange-role-added", message: "Exchange Online role `Application Mail.ReadWrite` (RBAC for Applications) is needed for the GRAPH mailboxes: exchange-setup.ps1 assigns it, scoped to them; Terraform does not." },
        { kind: "exchange-role-added", message: "Exchange Online role `Application Mail.Send` (RBAC for Applications) is needed for the GRAPH mailboxes: exchange-setup.ps1 assigns it, scoped to them; Terraform does not." },
      ]);
      expect(d.migrationRequest.changes).toBe(false);
    });

    it("exchange-rbac → tenant-consent: both Entra grants added (tenant-wide), the roles no longer needed", () => {
      const d = diff(rbac, consent);
      expect(d.permissions.added.map((p) => `${p.value} ${p.type}`)).toEqual(["Mail.ReadWrite Role", "Mail.Send Role"]);
      expect(d.highRisk.map((r) => r.kind)).toEqual(["application-permission-added", "application-permission-added", "graph-mailbox-access", "exchange-role-removed", "exchange-role-removed"]);
      expect(d.highRisk[2]!.message).toBe(
        "GRAPH mailbox access moves from Exchange Online RBAC for Applications to tenant-wide Entra admin consent: after `terraform apply` the app reaches every mailbox in the tenant until the new exchange-setup.ps1 adds the application access policy, so run it right after the apply; the RBAC role assignments then limit nothing.",
      );
      expect(d.highRisk[3]!.message).toBe("Exchange Online role `Application Mail.ReadWrite` (RBAC for Applications) is no longer needed: remove its role assignment (`Remove-ManagementRoleAssignment`); Terraform does not.");
    });

    it("adding a GRAPH mailbox in exchange-rbac mode: no Entra permission, the roles and the client secret", () => {
      const d = diff(config([imap("support")], { application: { graphMailboxAccess: "exchange-rbac" } }), rbac);
      expect(d.permissions).toEqual({ added: [], removed: [] });
      expect(d.highRisk.map((r) => r.kind)).toEqual(["exchange-role-added", "exchange-role-added", "client-secret"]);
    });

    it("switching mode without a GRAPH mailbox is a plain application field change, not a risk", () => {
      const d = diff(config([imap("support")]), config([imap("support")], { application: { graphMailboxAccess: "exchange-rbac" } }));
      expect(d.application).toEqual([{ field: "application.graphMailboxAccess", from: "tenant-consent", to: "exchange-rbac" }]);
      expect(d.highRisk).toEqual([]);
      expect(d.unchanged).toBe(false);
    });
  });

  it("delegated permissions added or removed are admin-consent changes", () => {
    const ews: Inbound = { ...imap("ews"), server: { host: "outlook.office365.com", type: "EWS" } };
    const d = diff(config([imap("support"), ews]), config([imap("support")]));
    expect(d.permissions.removed.map((p) => `${p.value} ${p.type}`)).toEqual(["EWS.AccessAsUser.All Scope"]);
    expect(d.highRisk).toEqual([{ kind: "admin-consent-revoked", message: "Delegated permission `EWS.AccessAsUser.All` (Office 365 Exchange Online) is removed and its admin consent revoked." }]);
  });

  it("moving a mailbox from basic auth to OAuth 2.0 brings it into the request and enables the public client", () => {
    const d = diff(config([imap("support"), imap("legacy", { auth: "basic" })]), config([imap("support"), imap("legacy")]));
    expect(d.migrationRequest.entering).toEqual(["legacy"]);
    expect(d.highRisk).toEqual([]);
    // (a basic-only config has no OAuth test mailbox, GE115; the comparison itself does not need it)
    const fromBasicOnly = diffConfigs(validate(config([imap("support", { auth: "basic" })])).config!, validate(config([imap("support")])).config!, SIDES);
    expect(fromBasicOnly.highRisk.map((r) => r.kind)).toEqual(["admin-consent-granted", "admin-consent-granted", "public-client"]);
  });

  it("test mailbox, tenant and authority changes are in the migration request", () => {
    const d = diff(
      config([imap("a"), imap("b")]),
      {
        tenant: { directoryId: "11111111-2222-4333-8444-555555555555", authority: "https://login.microsoftonline.us/" },
        mailboxes: { inbound: [imap("a"), imap("b", { testMailbox: true })] },
      },
    );
    expect(d.migrationRequest.testMailbox).toEqual({ field: "test mailbox", from: "a", to: "b" });
    expect(d.migrationRequest.tenant).toEqual([
      { field: "directory-id", from: TENANT, to: "11111111-2222-4333-8444-555555555555" },
      { field: "tenant-authority", to: "https://login.microsoftonline.us" },
    ]);
    expect(d.highRisk.map((r) => r.kind)).toEqual(["tenant"]);
  });

  it("the default authority with or without its trailing slash is no change", () => {
    const d = diff(config([imap("a")], { tenant: { directoryId: TENANT, authority: "https://login.microsoftonline.com" } }), config([imap("a")]));
    expect(d.unchanged).toBe(true);
  });

  it("backend changes; settings that may be credentials are never shown", () => {
    const a = validate(config([imap("a")], { backend: { type: "s3", config: { bucket: "old", accessKey: "CANARY-AK-1" } } })).config!;
    const b = validate(config([imap("a")], { backend: { type: "s3", config: { bucket: "new", accessKey: "CANARY-AK-2" } } })).config!;
    const d = diffConfigs(a, b, SIDES);
    expect(d.backend).toEqual([{ field: "backend.config.accessKey", hidden: true }, { field: "backend.config.bucket", from: "old", to: "new" }]);
    expect(JSON.stringify(d)).not.toContain("CANARY");
  });

  it("suppressions added and removed", () => {
    const s = (id: string) => ({ id, reason: "accepted by the mail team for this tenant" });
    const d = diff(config([imap("a")], { suppressions: [s("GE202")] }), config([imap("a")], { suppressions: [] }));
    expect(d.suppressions).toEqual({ added: [], removed: ["GE202: accepted by the mail team for this tenant"] });
  });

  it("is deterministic for 5,000 mailboxes (timing: bench/)", () => {
    const many = (n: number, size: number) => config(Array.from({ length: n }, (_, i) => imap(`m${i}`, { maxSizeMb: size })));
    const a = validate(many(5000, 5)).config!;
    const b = validate(many(5000, 6)).config!;
    const d = diffConfigs(a, b, SIDES);
    expect(d.mailboxes.changed).toHaveLength(5000);
    expect(JSON.stringify(diffConfigs(a, b, SIDES))).toBe(JSON.stringify(d));
  });
});
