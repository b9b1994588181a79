import { emailConfigSchema, type EmailConfigInput, type ServerType } from "../../src/model/config";
import { requiredPermissions } from "../../src/permissions";

// Written out literally (not imported from the catalog) so a catalog mistake fails here.
const EXO = "00000002-0000-0ff1-ce00-000000000000";
const GRAPH = "00000003-0000-0000-c000-000000000000";
const EXO_USER_READ = `${EXO} 6223a6d3-53ef-4f8f-982a-895b39483c61 Scope`;
const EXO_IMAP = `${EXO} 195adc35-e27b-454b-a7ed-1ecdffa1c09f Scope`;
const EXO_POP = `${EXO} fb698133-92fa-453e-a9ed-688e10f2e5ac Scope`;
const EXO_EWS = `${EXO} 3b5f3d61-589b-4a3c-a359-5dd4b5ee5bd5 Scope`;
const EXO_SMTP = `${EXO} 76faac2a-0f20-42f1-928a-50de5b9dbe52 Scope`;
const G_USER_READ = `${GRAPH} e1fe6dd8-ba31-4d61-89e7-88639da4683d Scope`;
const G_IMAP = `${GRAPH} 652390e4-393a-48de-9484-05f9b1212954 Scope`;
const G_POP = `${GRAPH} d7b7f2d9-0f45-4ea1-9d42-e50810c06991 Scope`;
const G_EWS = `${GRAPH} 9769c687-087d-48ac-9cb3-c37dde652038 Scope`;
const G_SMTP = `${GRAPH} 258f6531-6087-4cc4-bb90-092c5fb3ed3f Scope`;
const G_MAIL_READWRITE = `${GRAPH} e2a3a72e-5f79-4c64-b1b1-878b674786c9 Role`;
const G_MAIL_SEND = `${GRAPH} b633e1c5-b582-4048-a93e-9f11b44c7e96 Role`;

function config(
  inbound: Array<Exclude<ServerType, "SMTP">>,
  options: { outbound?: boolean; layout?: "exchange-online" | "microsoft-graph"; auth?: "oauth2" | "basic"; access?: "tenant-consent" | "exchange-rbac" } = {},
) {
  const input: EmailConfigInput = {
    tenant: { directoryId: "0c5a6b0e-1a2b-4c3d-8e9f-001122334455" },
    application: { permissionLayout: options.layout ?? "exchange-online", ...(options.access ? { graphMailboxAccess: options.access } : {}) },
    mailboxes: {
      inbound: inbound.map((type, i) => ({
        name: `m${i}`,
        mailbox: `m${i}@contoso.com`,
        server: { host: "outlook.office365.com", type },
        auth: options.auth ?? "oauth2",
        password: { env: `P${i}` },
      })),
      ...(options.outbound
        ? { outbound: { mailbox: "a@contoso.com", fromAddress: "a@contoso.com", server: { host: "smtp.office365.com", type: "SMTP" as const }, auth: options.auth ?? "oauth2", password: { env: "O" } } }
        : {}),
    },
  };
  return emailConfigSchema.parse(input);
}

const triples = (c: ReturnType<typeof config>) => requiredPermissions(c).permissions.map((p) => `${p.resource.appId} ${p.id} ${p.type}`).sort();

describe("requiredPermissions: exactly what the declared protocols need, and no more", () => {
  it.each([
    ["IMAP only", config(["IMAP"]), [EXO_IMAP, EXO_USER_READ]],
    ["POP3 only", config(["POP3"]), [EXO_USER_READ, EXO_POP]],
    ["EWS only", config(["EWS"]), [EXO_EWS, EXO_USER_READ]],
    ["GRAPH only", config(["GRAPH"]), [G_MAIL_SEND, G_MAIL_READWRITE]],
    ["SMTP outbound only", config([], { outbound: true }), [EXO_SMTP]],
    ["IMAP + SMTP", config(["IMAP", "IMAP"], { outbound: true }), [EXO_IMAP, EXO_USER_READ, EXO_SMTP]],
    ["all of them", config(["IMAP", "POP3", "EWS", "GRAPH"], { outbound: true }), [EXO_IMAP, EXO_EWS, EXO_USER_READ, EXO_SMTP, EXO_POP, G_MAIL_SEND, G_MAIL_READWRITE].sort()],
    ["basic auth only", config(["IMAP", "POP3"], { outbound: true, auth: "basic" }), []],
    ["Graph layout, all legacy protocols", config(["IMAP", "POP3", "EWS"], { outbound: true, layout: "microsoft-graph" }), [G_SMTP, G_IMAP, G_EWS, G_USER_READ, G_POP].sort()],
    ["Graph layout with a GRAPH mailbox", config(["IMAP", "GRAPH"], { layout: "microsoft-graph" }), [G_IMAP, G_USER_READ, G_MAIL_SEND, G_MAIL_READWRITE].sort()],
    ["GRAPH only, tenant-consent (explicit)", config(["GRAPH"], { access: "tenant-consent" }), [G_MAIL_SEND, G_MAIL_READWRITE]],
    ["GRAPH only, exchange-rbac: no Entra permission", config(["GRAPH"], { access: "exchange-rbac" }), []],
    ["all of them, exchange-rbac", config(["IMAP", "POP3", "EWS", "GRAPH"], { outbound: true, access: "exchange-rbac" }), [EXO_IMAP, EXO_EWS, EXO_USER_READ, EXO_SMTP, EXO_POP].sort()],
    ["Graph layout with a GRAPH mailbox, exchange-rbac", config(["IMAP", "GRAPH"], { layout: "microsoft-graph", access: "exchange-rbac" }), [G_IMAP, G_USER_READ].sort()],
  ])("%s", (_name, c, expected) => {
    expect(triples(c)).toEqual([...expected].sort());
  });

  it("never lists a GUID under another resource", () => {
    const all = requiredPermissions(config(["IMAP", "POP3", "EWS", "GRAPH"], { outbound: true }));
    for (const block of all.byResource) for (const p of block.permissions) expect(p.resource.appId).toBe(block.resource.appId);
    expect(all.byResource.map((b) => b.resource.appId)).toEqual([EXO, GRAPH]);
  });

  it("asks for application (app-only) permissions only for GRAPH mailboxes", () => {
    for (const types of [["IMAP"], ["EWS"], ["POP3"], ["IMAP", "EWS", "POP3"]] as const) {
      expect(requiredPermissions(config([...types], { outbound: true })).application).toEqual([]);
    }
    expect(requiredPermissions(config(["GRAPH"])).application.map((p) => p.value)).toEqual(["Mail.ReadWrite", "Mail.Send"]);
  });

  it("public client only for the password flow; client secret only for GRAPH", () => {
    expect(requiredPermissions(config(["IMAP"]))).toMatchObject({ publicClient: true, clientSecret: false });
    expect(requiredPermissions(config(["GRAPH"]))).toMatchObject({ publicClient: false, clientSecret: true });
    expect(requiredPermissions(config([], { outbound: true }))).toMatchObject({ publicClient: true, clientSecret: false });
    expect(requiredPermissions(config(["IMAP"], { auth: "basic" }))).toMatchObject({ publicClient: false, clientSecret: false });
  });

  it("records which protocols need each permission", () => {
    const p = requiredPermissions(config(["IMAP", "EWS"], { outbound: true })).permissions;
    expect(p.map((x) => `${x.value}:${x.requiredBy.join("+")}`)).toEqual(["EWS.AccessAsUser.All:EWS", "IMAP.AccessAsUser.All:IMAP", "SMTP.Send:SMTP", "User.Read:IMAP+EWS"]);
  });

  it("graphMailboxAccess: tenant-consent (default) grants in Entra; exchange-rbac names the Exchange roles instead", () => {
    // GIVEN / WHEN
    const byDefault = requiredPermissions(config(["GRAPH"]));
    const rbac = requiredPermissions(config(["GRAPH"], { access: "exchange-rbac" }));

    // THEN
    expect(byDefault).toMatchObject({ graphMailboxAccess: "tenant-consent", exchangeRoles: [], clientSecret: true, publicClient: false });
    expect(byDefault.application.map((p) => `${p.value} ${p.id}`)).toEqual(["Mail.ReadWrite e2a3a72e-5f79-4c64-b1b1-878b674786c9", "Mail.Send b633e1c5-b582-4048-a93e-9f11b44c7e96"]);
    expect(rbac).toEqual({
      permissions: [],
      byResource: [],
      delegated: [],
      application: [],
      publicClient: false,
      clientSecret: true,
      graphMailboxAccess: "exchange-rbac",
      exchangeRoles: ["Application Mail.ReadWrite", "Application Mail.Send"],
    });
  });

  it("exchange-rbac without a GRAPH mailbox changes nothing: no Exchange roles, no secret", () => {
    const imapOnly = (access: "tenant-consent" | "exchange-rbac") => requiredPermissions(config(["IMAP"], { outbound: true, access }));
    expect({ ...imapOnly("exchange-rbac"), graphMailboxAccess: "tenant-consent" }).toEqual(imapOnly("tenant-consent"));
    expect(imapOnly("exchange-rbac")).toMatchObject({ exchangeRoles: [], clientSecret: false });
  });
});
