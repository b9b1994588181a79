import { Application } from "@cdktf/provider-azuread/lib/application";
import { ApplicationPasswordA } from "@cdktf/provider-azuread/lib/application-password";
import { AzureadProvider } from "@cdktf/provider-azuread/lib/provider";
import type { EmailConfigInput } from "../../src/model/config";
import { config, consents, signInAssignments, ews, graph, imap, onlyResource, pop3, resourceAccessSet, resources, smtp, synth, TENANT } from "./helpers";

// Written out literally (not imported from the catalog) so a catalog mistake fails here.
const EXO = "00000002-0000-0ff1-ce00-000000000000";
const GRAPH = "00000003-0000-0000-c000-000000000000";
const EXO_USER_READ = `${EXO} 6223a6d3-53ef-4f8f-982a-895b39483c61 Scope`;
const EXO_EWS = `${EXO} 3b5f3d61-589b-4a3c-a359-5dd4b5ee5bd5 Scope`;
const EXO_IMAP = `${EXO} 195adc35-e27b-454b-a7ed-1ecdffa1c09f Scope`;
const EXO_POP = `${EXO} fb698133-92fa-453e-a9ed-688e10f2e5ac Scope`;
const EXO_SMTP = `${EXO} 76faac2a-0f20-42f1-928a-50de5b9dbe52 Scope`;
const GRAPH_USER_READ = `${GRAPH} e1fe6dd8-ba31-4d61-89e7-88639da4683d Scope`;
const GRAPH_IMAP = `${GRAPH} 652390e4-393a-48de-9484-05f9b1212954 Scope`;
const GRAPH_POP = `${GRAPH} d7b7f2d9-0f45-4ea1-9d42-e50810c06991 Scope`;
const GRAPH_SMTP = `${GRAPH} 258f6531-6087-4cc4-bb90-092c5fb3ed3f Scope`;
const GRAPH_EWS = `${GRAPH} 9769c687-087d-48ac-9cb3-c37dde652038 Scope`;
const MAIL_READWRITE = `${GRAPH} e2a3a72e-5f79-4c64-b1b1-878b674786c9 Role`;
const MAIL_SEND = `${GRAPH} b633e1c5-b582-4048-a93e-9f11b44c7e96 Role`;

const POP3_ACCEPTED = { suppressions: [{ id: "GE113", reason: "Tested with the vendor for this tenant" }] };

interface Mix {
  readonly name: string;
  readonly config: EmailConfigInput;
  readonly access: string[];
  readonly grants: string[];
  readonly roles: string[];
  readonly publicClient: boolean;
  readonly secret: boolean;
  /** The accounts assigned to the app: one per password-flow login, none for GRAPH or basic auth. */
  readonly signIn: string[];
}

const MIXES: Mix[] = [
  {
    name: "IMAP only",
    config: config([imap("support")]),
    access: [EXO_IMAP, EXO_USER_READ].sort(),
    grants: [`${EXO}: IMAP.AccessAsUser.All User.Read`],
    roles: [],
    publicClient: true,
    secret: false,
    signIn: ["support@contoso.com"],
  },
  {
    name: "EWS only",
    config: config([ews("support")]),
    access: [EXO_EWS, EXO_USER_READ].sort(),
    grants: [`${EXO}: EWS.AccessAsUser.All User.Read`],
    roles: [],
    publicClient: true,
    secret: false,
    signIn: ["support@contoso.com"],
  },
  {
    name: "GRAPH only",
    config: config([graph("billing")]),
    access: [MAIL_READWRITE, MAIL_SEND].sort(),
    grants: [],
    roles: [`${GRAPH} b633e1c5-b582-4048-a93e-9f11b44c7e96`, `${GRAPH} e2a3a72e-5f79-4c64-b1b1-878b674786c9`].sort(),
    publicClient: false,
    secret: true,
    signIn: [],
  },
  {
    name: "IMAP + SMTP outbound",
    config: config([imap("support")], smtp()),
    access: [EXO_IMAP, EXO_SMTP, EXO_USER_READ].sort(),
    grants: [`${EXO}: IMAP.AccessAsUser.All SMTP.Send User.Read`],
    roles: [],
    publicClient: true,
    secret: false,
    signIn: ["agents@contoso.com", "support@contoso.com"],
  },
  {
    name: "all of them (IMAP, POP3, EWS, GRAPH, SMTP)",
    config: config([imap("support"), pop3("legacy", POP3_ACCEPTED), ews("sales"), graph("billing")], smtp()),
    access: [EXO_EWS, EXO_IMAP, EXO_POP, EXO_SMTP, EXO_USER_READ, MAIL_READWRITE, MAIL_SEND].sort(),
    grants: [`${EXO}: EWS.AccessAsUser.All IMAP.AccessAsUser.All POP.AccessAsUser.All SMTP.Send User.Read`],
    roles: [`${GRAPH} b633e1c5-b582-4048-a93e-9f11b44c7e96`, `${GRAPH} e2a3a72e-5f79-4c64-b1b1-878b674786c9`].sort(),
    publicClient: true,
    secret: true,
    signIn: ["agents@contoso.com", "legacy@contoso.com", "sales@contoso.com", "support@contoso.com"],
  },
  {
    name: "IMAP + SMTP in the microsoft-graph layout",
    config: config([imap("support")], smtp(), { application: { permissionLayout: "microsoft-graph" } }),
    access: [GRAPH_IMAP, GRAPH_SMTP, GRAPH_USER_READ].sort(),
    grants: [`${GRAPH}: IMAP.AccessAsUser.All SMTP.Send User.Read`],
    roles: [],
    publicClient: true,
    secret: false,
    signIn: ["agents@contoso.com", "support@contoso.com"],
  },
  {
    name: "all of them in the microsoft-graph layout",
    config: config([imap("support"), pop3("legacy", POP3_ACCEPTED), ews("sales"), graph("billing")], smtp(), {
      application: { permissionLayout: "microsoft-graph" },
    }),
    access: [GRAPH_EWS, GRAPH_IMAP, GRAPH_POP, GRAPH_SMTP, GRAPH_USER_READ, MAIL_READWRITE, MAIL_SEND].sort(),
    grants: [`${GRAPH}: EWS.AccessAsUser.All IMAP.AccessAsUser.All POP.AccessAsUser.All SMTP.Send User.Read`],
    roles: [`${GRAPH} b633e1c5-b582-4048-a93e-9f11b44c7e96`, `${GRAPH} e2a3a72e-5f79-4c64-b1b1-878b674786c9`].sort(),
    publicClient: true,
    secret: true,
    signIn: ["agents@contoso.com", "legacy@contoso.com", "sales@contoso.com", "support@contoso.com"],
  },
  {
    name: "GRAPH only, graphMailboxAccess: exchange-rbac (no Entra permission, the secret still)",
    config: config([graph("billing")], undefined, { application: { graphMailboxAccess: "exchange-rbac" } }),
    access: [],
    grants: [],
    roles: [],
    publicClient: false,
    secret: true,
    signIn: [],
  },
  {
    name: "all of them, graphMailboxAccess: exchange-rbac",
    config: config([imap("support"), pop3("legacy", POP3_ACCEPTED), ews("sales"), graph("billing")], smtp(), { application: { graphMailboxAccess: "exchange-rbac" } }),
    access: [EXO_EWS, EXO_IMAP, EXO_POP, EXO_SMTP, EXO_USER_READ].sort(),
    grants: [`${EXO}: EWS.AccessAsUser.All IMAP.AccessAsUser.All POP.AccessAsUser.All SMTP.Send User.Read`],
    roles: [],
    publicClient: true,
    secret: true,
    signIn: ["agents@contoso.com", "legacy@contoso.com", "sales@contoso.com", "support@contoso.com"],
  },
];

describe("ExchangeOAuthApplication: exactly the permissions each protocol mix needs", () => {
  test.each(MIXES)("$name", (mix) => {
    // WHEN
    const { text, json } = synth(mix.config);

    // THEN: required_resource_access, each GUID under its own resource
    expect(resourceAccessSet(json)).toEqual(mix.access);
    const app = onlyResource(json, "azuread_application");
    for (const block of app.required_resource_access as Array<{ resource_app_id: string; resource_access: unknown[] }>) {
      expect(new Set((block.resource_access as Array<{ id: string }>).map((a) => a.id)).size).toBe(block.resource_access.length);
    }
    // admin consent
    expect(consents(json)).toEqual({ grants: mix.grants, roles: mix.roles });
    // only the password-flow accounts may sign in through the app
    expect(onlyResource(json, "azuread_service_principal").app_role_assignment_required).toBe(true);
    expect(signInAssignments(json)).toEqual(mix.signIn);
    // public client only for the password flow
    if (mix.publicClient) expect(app.fallback_public_client_enabled).toBe(true);
    else expect(app).not.toHaveProperty("fallback_public_client_enabled");
    expect(app.sign_in_audience).toBe("AzureADMultipleOrgs");
    // no redirect URI, no Application ID URI
    for (const key of ["identifier_uris", "web", "public_client", "single_page_application", "api"]) expect(app).not.toHaveProperty(key);
    expect(text).not.toMatch(/redirect_uris|identifier_uris/);
    // the client secret only for GRAPH's client credentials
    expect(resources(json, "azuread_application_password")).toHaveLength(mix.secret ? 1 : 0);
    expect(Object.keys(json.output ?? {}).sort()).toEqual(
      ["client_id", "mailboxes", "service_principal_object_id", "tenant_id", ...(mix.secret ? ["client_secret"] : []), ...(mix.access.length > 0 || mix.secret ? ["migration_request"] : [])].sort(),
    );
    // resource service principals by well-known client ID, one per resource used
    const lookedUp = Object.values(json.data?.azuread_service_principal ?? {}).map((d) => d.client_id).sort();
    expect(Object.values(json.data?.azuread_user ?? {}).map((d) => d.user_principal_name).sort()).toEqual(mix.signIn);
    expect(lookedUp).toEqual([...new Set(mix.access.map((a) => a.split(" ")[0]))].sort());
    expect(text).toHaveProviderWithProperties(AzureadProvider, { tenant_id: TENANT });
  });

  test("basic auth only: no app registration and no azuread resource, data source or provider at all", () => {
    // GIVEN
    const basic = config([], undefined, {
      tenant: {},
      mailboxes: {
        inbound: [imap("support", { server: { host: "mail.contoso.com", port: 993, type: "IMAP" }, auth: "basic" })],
        outbound: smtp({ server: { host: "mail.contoso.com", port: 587, type: "SMTP" }, auth: "basic" }),
      },
    });

    // WHEN
    const { text, json } = synth(basic);

    // THEN
    expect(text).not.toMatch(/azuread/);
    expect(json.data).toBeUndefined();
    expect(json.provider).toBeUndefined();
    expect(Object.keys(json.resource ?? {})).toEqual(["terraform_data"]);
    expect(Object.keys(json.output ?? {})).toEqual(["mailboxes"]);
  });

  test("graphMailboxAccess defaults to tenant-consent: Mail.ReadWrite and Mail.Send requested and consented tenant-wide", () => {
    // WHEN
    const { json } = synth(config([graph("billing")]));
    const explicit = synth(config([graph("billing")], undefined, { application: { graphMailboxAccess: "tenant-consent" } })).json;

    // THEN
    expect(resourceAccessSet(json)).toEqual([MAIL_SEND, MAIL_READWRITE]);
    expect(resources(json, "azuread_app_role_assignment").map((r) => r.app_role_id).sort()).toEqual(["b633e1c5-b582-4048-a93e-9f11b44c7e96", "e2a3a72e-5f79-4c64-b1b1-878b674786c9"]);
    expect(explicit).toEqual(json);
  });

  test("graphMailboxAccess: exchange-rbac with only a GRAPH mailbox: exactly the app, its service principal and its secret", () => {
    // WHEN
    const { text, json } = synth(config([graph("billing")], undefined, { application: { graphMailboxAccess: "exchange-rbac" } }));

    // THEN: no Entra grant of any kind; Exchange Online role assignments (exchange-setup.ps1) are the grant
    expect(Object.keys(json.resource ?? {}).sort()).toEqual(["azuread_application", "azuread_application_password", "azuread_service_principal", "terraform_data"]);
    expect(onlyResource(json, "azuread_application").required_resource_access).toEqual([]);
    expect(resources(json, "azuread_service_principal")).toEqual([
      {
        client_id: expect.stringMatching(/^\$\{azuread_application\.[^.]+\.client_id\}$/),
        app_role_assignment_required: true,
        owners: [expect.stringMatching(/^\$\{data\.azuread_client_config\.[^.]+\.object_id\}$/)],
        lifecycle: { prevent_destroy: true },
      },
    ]);
    expect(Object.keys(json.data ?? {})).toEqual(["azuread_client_config"]);
    expect(text).not.toMatch(/azuread_app_role_assignment|e2a3a72e-5f79-4c64-b1b1-878b674786c9|b633e1c5-b582-4048-a93e-9f11b44c7e96/);
    expect(text).toHaveResourceWithProperties(ApplicationPasswordA, { end_date_relative: "4320h", display_name: "genesys-email-graph" });
    expect(json.output?.client_secret).toEqual(expect.objectContaining({ sensitive: true }));
  });

  test("graphMailboxAccess: exchange-rbac, bring your own app: no api access or grant for Graph at all", () => {
    // WHEN
    const { json } = synth(
      config([imap("support"), graph("billing")], undefined, {
        application: { graphMailboxAccess: "exchange-rbac", clientId: "5f0c7d9e-3b1a-4e2f-9c8d-7a6b5c4d3e2f", clientSecret: { env: "GRAPH_CLIENT_SECRET" } },
        suppressions: [{ id: "GE209", reason: "the existing app never had a Graph grant; checked in the portal" }],
      }),
    );

    // THEN: only the Exchange Online delegated permissions IMAP needs
    expect(resources(json, "azuread_application_api_access").map((a) => `${String(a.api_client_id)} ${JSON.stringify(a.scope_ids ?? [])} ${JSON.stringify(a.role_ids ?? [])}`)).toEqual([
      `${EXO} ["195adc35-e27b-454b-a7ed-1ecdffa1c09f","6223a6d3-53ef-4f8f-982a-895b39483c61"] []`,
    ]);
    expect(consents(json)).toEqual({ grants: [`${EXO}: IMAP.AccessAsUser.All User.Read`], roles: [] });
    expect(resources(json, "azuread_application_password")).toEqual([]);
  });

  test("single-tenant audience is AzureADMyOrg", () => {
    const { text } = synth(config([imap("support")], undefined, { application: { audience: "single-tenant" } }));
    expect(text).toHaveResourceWithProperties(Application, { sign_in_audience: "AzureADMyOrg", display_name: "genesys-email-oauth" });
  });

  test("display name from the config", () => {
    const { text } = synth(config([imap("support")], undefined, { application: { displayName: "Contoso Genesys email" } }));
    expect(text).toHaveResourceWithProperties(Application, { display_name: "Contoso Genesys email" });
  });

  test("the client secret: relative lifetime (deterministic), sensitive output, referenced nowhere else", () => {
    // WHEN
    const { text, json } = synth(config([graph("billing")], undefined, { application: { clientSecretLifetimeDays: 90 } }));

    // THEN
    expect(text).toHaveResourceWithProperties(ApplicationPasswordA, { end_date_relative: "2160h" });
    const password = onlyResource(json, "azuread_application_password");
    expect(password).not.toHaveProperty("end_date");
    expect(password).not.toHaveProperty("start_date");
    expect(json.output?.client_secret).toEqual(expect.objectContaining({ sensitive: true }));
    expect(String(json.output?.client_secret?.value)).toMatch(/^\$\{azuread_application_password\.[^.]+\.value\}$/);
    expect(text.match(/azuread_application_password\.[^.]+\.value/g)).toHaveLength(1);
  });

  test("default secret lifetime is 180 days", () => {
    const { text } = synth(config([graph("billing")]));
    expect(text).toHaveResourceWithProperties(ApplicationPasswordA, { end_date_relative: "4320h", display_name: "genesys-email-graph" });
  });

  test.each([
    ["https://login.microsoftonline.us", "usgovernment"],
    ["https://login.chinacloudapi.cn/", "china"],
  ])("sovereign cloud %s sets the provider environment %s", (authority, environment) => {
    const { text } = synth(config([imap("support")], undefined, { tenant: { directoryId: TENANT, authority } }));
    expect(text).toHaveProviderWithProperties(AzureadProvider, { tenant_id: TENANT, environment });
  });
});
