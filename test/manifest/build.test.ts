import { buildMigrationRequest, migrationRequestProblems, MigrationRequestError, renderMigrationRequestJson, renderPreMigrationChecklist } from "../../src/manifest";
import { CLIENT_ID, TENANT, exampleConfig, ews, graph, imap, smtp, validConfig } from "./helpers";

const EXO = "00000002-0000-0ff1-ce00-000000000000";
const GRAPH = "00000003-0000-0000-c000-000000000000";

const credential = (kind: "mailbox-password" | "application-client-secret") => ({ kind, delivery: "out-of-band" });

describe("buildMigrationRequest: one manifest per protocol mix", () => {
  test("IMAP only: delegated Exchange Online permissions, password grant, pending client ID", () => {
    // GIVEN
    const config = validConfig({
      tenant: { directoryId: TENANT },
      mailboxes: { inbound: [imap("support_test", "support-test@contoso.com", { testMailbox: true }), imap("support", "support@contoso.com", { maxSizeMb: 10, designerApplication: "Support Email" })] },
    });
    // WHEN
    const request = buildMigrationRequest(config);
    // THEN
    expect(request).toEqual({
      schemaVersion: 1,
      contactCenter: {},
      tenant: { directoryId: TENANT },
      application: {
        clientIdStatus: "pending-terraform-apply",
        clientId: null,
        origin: "created-by-stack",
        displayName: "genesys-email-oauth",
        audience: "multi-tenant",
        signInAudience: "AzureADMultipleOrgs",
        permissions: [
          { resource: "Office 365 Exchange Online", resourceAppId: EXO, permission: "IMAP.AccessAsUser.All", id: "195adc35-e27b-454b-a7ed-1ecdffa1c09f", type: "delegated", requiredBy: ["IMAP"] },
          { resource: "Office 365 Exchange Online", resourceAppId: EXO, permission: "User.Read", id: "6223a6d3-53ef-4f8f-982a-895b39483c61", type: "delegated", requiredBy: ["IMAP"] },
        ],
      },
      mailboxes: [
        { direction: "inbound", mailboxName: "support_test", testMailbox: "yes", login: "support-test@contoso.com", host: "outlook.office365.com", port: 993, tls: "implicit", grantType: "password", credential: credential("mailbox-password"), type: "IMAP", maxSizeMb: 5 },
        { direction: "inbound", mailboxName: "support", testMailbox: "no", login: "support@contoso.com", host: "outlook.office365.com", port: 993, tls: "implicit", grantType: "password", credential: credential("mailbox-password"), type: "IMAP", maxSizeMb: 10, designerApplication: "Support Email" },
      ],
    });
  });

  test("EWS only: EWS.AccessAsUser.All and User.Read, port 443, the endpoint's path", () => {
    const config = validConfig({ tenant: { directoryId: TENANT }, mailboxes: { inbound: [ews("ews_test", "ews-test@contoso.com", { testMailbox: true })] } });
    const request = buildMigrationRequest(config);
    expect(request.application.permissions.map((p) => [p.resourceAppId, p.permission, p.id, p.type])).toEqual([
      [EXO, "EWS.AccessAsUser.All", "3b5f3d61-589b-4a3c-a359-5dd4b5ee5bd5", "delegated"],
      [EXO, "User.Read", "6223a6d3-53ef-4f8f-982a-895b39483c61", "delegated"],
    ]);
    expect(request.mailboxes).toEqual([
      { direction: "inbound", mailboxName: "ews_test", testMailbox: "yes", login: "ews-test@contoso.com", host: "outlook.office365.com", port: 443, tls: "implicit", grantType: "password", credential: credential("mailbox-password"), type: "EWS", maxSizeMb: 5, path: "/EWS/Exchange.asmx" },
    ]);
  });

  test("GRAPH only: Mail.ReadWrite and Mail.Send application permissions, client credentials, the app's secret", () => {
    const config = validConfig({ tenant: { directoryId: TENANT }, mailboxes: { inbound: [graph("billing", "billing@contoso.com", { testMailbox: true, maxSizeMb: 20 })] } });
    const request = buildMigrationRequest(config, { clientId: CLIENT_ID });
    expect(request.application).toEqual({
      clientIdStatus: "resolved",
      clientId: CLIENT_ID,
      origin: "created-by-stack",
      displayName: "genesys-email-oauth",
      audience: "multi-tenant",
      signInAudience: "AzureADMultipleOrgs",
      permissions: [
        { resource: "Microsoft Graph", resourceAppId: GRAPH, permission: "Mail.ReadWrite", id: "e2a3a72e-5f79-4c64-b1b1-878b674786c9", type: "application", requiredBy: ["GRAPH"] },
        { resource: "Microsoft Graph", resourceAppId: GRAPH, permission: "Mail.Send", id: "b633e1c5-b582-4048-a93e-9f11b44c7e96", type: "application", requiredBy: ["GRAPH"] },
      ],
    });
    expect(request.mailboxes).toEqual([
      { direction: "inbound", mailboxName: "billing", testMailbox: "yes", login: "billing@contoso.com", host: "graph.microsoft.com", port: 443, tls: "implicit", grantType: "client_credentials", credential: credential("application-client-secret"), type: "GRAPH", maxSizeMb: 20 },
    ]);
  });

  test("GRAPH only, graphMailboxAccess: exchange-rbac: no Entra permission; the Exchange roles instead; still the app's secret", () => {
    const config = validConfig({
      tenant: { directoryId: TENANT },
      application: { graphMailboxAccess: "exchange-rbac" },
      mailboxes: { inbound: [graph("billing", "billing@contoso.com", { testMailbox: true })] },
    });
    const request = buildMigrationRequest(config, { clientId: CLIENT_ID });
    expect(request.application).toEqual({
      clientIdStatus: "resolved",
      clientId: CLIENT_ID,
      origin: "created-by-stack",
      displayName: "genesys-email-oauth",
      audience: "multi-tenant",
      signInAudience: "AzureADMultipleOrgs",
      permissions: [],
      exchangeRoles: ["Application Mail.ReadWrite", "Application Mail.Send"],
    });
    expect(request.mailboxes[0]).toMatchObject({ grantType: "client_credentials", credential: credential("application-client-secret") });
  });

  test("IMAP + SMTP outbound: the outbound smtp-client is listed last, with its From Address and no max size", () => {
    const config = validConfig({
      tenant: { directoryId: TENANT },
      mailboxes: { inbound: [imap("support_test", "support-test@contoso.com", { testMailbox: true })], outbound: smtp("agents@contoso.com") },
    });
    const request = buildMigrationRequest(config);
    expect(request.application.permissions.map((p) => p.permission)).toEqual(["IMAP.AccessAsUser.All", "SMTP.Send", "User.Read"]);
    expect(request.mailboxes[1]).toEqual({
      direction: "outbound",
      mailboxName: "smtp-client",
      testMailbox: "no",
      login: "agents@contoso.com",
      host: "smtp.office365.com",
      port: 587,
      tls: "starttls",
      grantType: "password",
      credential: credential("mailbox-password"),
      type: "SMTP",
      fromAddress: "agents@contoso.com",
    });
  });

  test("all protocols, Microsoft Graph layout, single tenant: every GUID under its own resource", () => {
    const config = validConfig({
      tenant: { directoryId: TENANT },
      application: { audience: "single-tenant", permissionLayout: "microsoft-graph" },
      mailboxes: {
        inbound: [imap("imap_test", "imap-test@contoso.com", { testMailbox: true }), ews("ews", "ews@contoso.com"), graph("billing", "billing@contoso.com")],
        outbound: smtp("agents@contoso.com"),
      },
    });
    const request = buildMigrationRequest(config);
    expect(request.application.signInAudience).toBe("AzureADMyOrg");
    expect(request.application.audience).toBe("single-tenant");
    expect(request.application.permissions.map((p) => [p.resourceAppId, p.permission, p.id, p.type, p.requiredBy])).toEqual([
      [GRAPH, "Mail.ReadWrite", "e2a3a72e-5f79-4c64-b1b1-878b674786c9", "application", ["GRAPH"]],
      [GRAPH, "Mail.Send", "b633e1c5-b582-4048-a93e-9f11b44c7e96", "application", ["GRAPH"]],
      [GRAPH, "EWS.AccessAsUser.All", "9769c687-087d-48ac-9cb3-c37dde652038", "delegated", ["EWS"]],
      [GRAPH, "IMAP.AccessAsUser.All", "652390e4-393a-48de-9484-05f9b1212954", "delegated", ["IMAP"]],
      [GRAPH, "SMTP.Send", "258f6531-6087-4cc4-bb90-092c5fb3ed3f", "delegated", ["SMTP"]],
      [GRAPH, "User.Read", "e1fe6dd8-ba31-4d61-89e7-88639da4683d", "delegated", ["IMAP", "EWS"]],
    ]);
    expect(request.mailboxes.map((m) => [m.mailboxName, m.testMailbox, m.type, m.grantType])).toEqual([
      ["imap_test", "yes", "IMAP", "password"],
      ["billing", "no", "GRAPH", "client_credentials"],
      ["ews", "no", "EWS", "password"],
      ["smtp-client", "no", "SMTP", "password"],
    ]);
  });

  test("POP3 (GE113 suppressed): POP.AccessAsUser.All, port 995, and pre-migration.md asks for POP3", () => {
    const config = validConfig({
      tenant: { directoryId: TENANT },
      mailboxes: {
        inbound: [
          imap("pop_test", "pop-test@contoso.com", {
            testMailbox: true,
            server: { host: "outlook.office365.com", type: "POP3" },
            suppressions: [{ id: "GE113", reason: "E-mail Server build with POP3 OAuth from Genesys" }],
          }),
        ],
      },
    });
    const request = buildMigrationRequest(config);
    expect(request.application.permissions.map((p) => [p.permission, p.id])).toEqual([
      ["POP.AccessAsUser.All", "fb698133-92fa-453e-a9ed-688e10f2e5ac"],
      ["User.Read", "6223a6d3-53ef-4f8f-982a-895b39483c61"],
    ]);
    expect(request.mailboxes[0]).toMatchObject({ type: "POP3", port: 995, tls: "implicit", grantType: "password" });
    expect(renderPreMigrationChecklist(config, request)).toContain("- [ ] POP3 is enabled for `pop-test@contoso.com` (`Get-CASMailbox`: PopEnabled True).");
  });

  test("basic-auth mailboxes are left out: only OAuth 2.0 mailboxes are migrated", () => {
    const config = validConfig({
      tenant: { directoryId: TENANT },
      mailboxes: {
        inbound: [
          imap("support_test", "support-test@contoso.com", { testMailbox: true }),
          { name: "legacy", mailbox: "legacy", server: { host: "mail.example.org", type: "IMAP" }, auth: "basic", password: { env: "LEGACY_PASSWORD" } },
        ],
      },
    });
    expect(buildMigrationRequest(config).mailboxes.map((m) => m.mailboxName)).toEqual(["support_test"]);
  });

  test("the outbound mailbox can be the test mailbox: it is listed first", () => {
    const config = validConfig({
      tenant: { directoryId: TENANT },
      mailboxes: { inbound: [imap("support", "support@contoso.com")], outbound: smtp("agents@contoso.com", { testMailbox: true }) },
    });
    expect(buildMigrationRequest(config).mailboxes.map((m) => [m.mailboxName, m.testMailbox])).toEqual([
      ["smtp-client", "yes"],
      ["support", "no"],
    ]);
  });

  test("bring your own app: the configured client ID is resolved, origin existing, no display name", () => {
    const config = validConfig({
      tenant: { directoryId: TENANT },
      application: { clientId: CLIENT_ID },
      mailboxes: { inbound: [imap("support_test", "support-test@contoso.com", { testMailbox: true })] },
    });
    const { application } = buildMigrationRequest(config);
    expect(application.clientIdStatus).toBe("resolved");
    expect(application.clientId).toBe(CLIENT_ID);
    expect(application.origin).toBe("existing");
    expect(application).not.toHaveProperty("displayName");
  });
});

describe("tenant-authority", () => {
  const withAuthority = (authority: string | undefined) =>
    validConfig({
      tenant: { directoryId: TENANT, ...(authority !== undefined ? { authority } : {}) },
      mailboxes: { inbound: [imap("support_test", "support-test@contoso.com", { testMailbox: true })] },
    });

  test.each([
    ["omitted (the default)", undefined],
    ["the default with a trailing slash", "https://login.microsoftonline.com/"],
    ["the default without a trailing slash", "https://login.microsoftonline.com"],
    ["the default with several trailing slashes", "https://login.microsoftonline.com//"],
  ])("%s: not stated", (_name, authority) => {
    expect(buildMigrationRequest(withAuthority(authority)).tenant).toEqual({ directoryId: TENANT });
  });

  test.each([
    ["https://login.microsoftonline.us", "https://login.microsoftonline.us"],
    ["https://login.microsoftonline.us/", "https://login.microsoftonline.us"],
    ["https://login.chinacloudapi.cn/", "https://login.chinacloudapi.cn"],
  ])("sovereign cloud %s: stated as %s", (authority, expected) => {
    expect(buildMigrationRequest(withAuthority(authority)).tenant).toEqual({ directoryId: TENANT, tenantAuthority: expected });
  });
});

describe("client ID: pending at synth, resolved from the Terraform outputs", () => {
  test("the example without outputs: pending", () => {
    const { application } = buildMigrationRequest(exampleConfig());
    expect([application.clientIdStatus, application.clientId]).toEqual(["pending-terraform-apply", null]);
  });

  test("the example with the client ID from test/fixtures/outputs.json: resolved", () => {
    const { application } = buildMigrationRequest(exampleConfig(), { clientId: CLIENT_ID, tenantId: TENANT });
    expect([application.clientIdStatus, application.clientId]).toEqual(["resolved", CLIENT_ID]);
  });
});

describe("ordering and determinism", () => {
  test("the test mailbox first, then inbound mailboxes by Mailbox Name whatever the file order, then smtp-client", () => {
    const config = validConfig({
      tenant: { directoryId: TENANT },
      mailboxes: {
        inbound: [imap("zeta", "zeta@contoso.com"), imap("Alpha", "alpha@contoso.com"), imap("test", "test@contoso.com", { testMailbox: true }), imap("beta", "beta@contoso.com")],
        outbound: smtp("agents@contoso.com"),
      },
    });
    expect(buildMigrationRequest(config).mailboxes.map((m) => m.mailboxName)).toEqual(["test", "Alpha", "beta", "zeta", "smtp-client"]);
  });

  test("the same input gives byte-identical JSON", () => {
    const a = renderMigrationRequestJson(buildMigrationRequest(exampleConfig(), { clientId: CLIENT_ID }));
    const b = renderMigrationRequestJson(buildMigrationRequest(exampleConfig(), { clientId: CLIENT_ID }));
    expect(a).toBe(b);
    expect(a.endsWith("}\n")).toBe(true);
  });
});

describe("migrationRequestProblems", () => {
  const base = { tenant: { directoryId: TENANT }, mailboxes: { inbound: [imap("support_test", "support-test@contoso.com", { testMailbox: true })] } };

  test.each([
    {
      name: "no OAuth 2.0 mailbox",
      config: { mailboxes: { inbound: [{ name: "legacy", mailbox: "legacy", server: { host: "mail.example.org", type: "IMAP" as const }, auth: "basic" as const, password: { env: "P" } }] } },
      options: {},
      expected: [{ source: "config", message: "No mailbox uses OAuth 2.0 (auth: oauth2), so there is nothing to migrate." }],
    },
    {
      name: "tenant_id of another tenant",
      config: base,
      options: { tenantId: "11111111-2222-3333-4444-555555555555" },
      expected: [{ source: "options", message: `The Terraform outputs belong to tenant 11111111-2222-3333-4444-555555555555, but tenant.directoryId is ${TENANT}: use the outputs of this config's stack.` }],
    },
    {
      name: "client_id that is not a GUID",
      config: base,
      options: { clientId: "not-a-guid" },
      expected: [{ source: "options", message: "The client ID from the Terraform outputs is not a GUID." }],
    },
    {
      name: "client_id that differs from a configured application.clientId",
      config: { ...base, application: { clientId: CLIENT_ID } },
      options: { clientId: "99999999-8888-7777-6666-555555555555" },
      expected: [{ source: "options", message: `The Terraform outputs name client ID 99999999-8888-7777-6666-555555555555, but application.clientId is ${CLIENT_ID}: use the outputs of this config's stack.` }],
    },
  ])("$name", ({ config, options, expected }) => {
    expect(migrationRequestProblems(validConfig(config), options)).toEqual(expected);
  });

  test("no test mailbox (GE115 suppressed): a config problem, and buildMigrationRequest throws it", () => {
    const config = validConfig({
      tenant: { directoryId: TENANT },
      mailboxes: { inbound: [imap("support", "support@contoso.com")] },
      suppressions: [{ id: "GE115", reason: "the test mailbox is set up in another stack" }],
    });
    const expected = [{ source: "config", message: "Exactly one OAuth 2.0 mailbox must be marked testMailbox: true (Genesys migrates it first); none is marked." }];
    expect(migrationRequestProblems(config)).toEqual(expected);
    expect(() => buildMigrationRequest(config)).toThrow(MigrationRequestError);
  });

  test("matching tenant_id in another letter case is accepted", () => {
    expect(migrationRequestProblems(validConfig(base), { tenantId: TENANT.toUpperCase(), clientId: CLIENT_ID })).toEqual([]);
  });
});
