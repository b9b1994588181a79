import { validate } from "../../src/rules/engine";
import { RULES } from "../../src/rules";
import { inboundMailbox, validConfig } from "./fixtures";

type Input = ReturnType<typeof validConfig>;
type Mutation = (c: Input) => void;
// Mutations write deliberately wrong values: the file format is untyped, so tests are too.
const any = (x: unknown) => x as never;

interface Case {
  readonly rule: string;
  readonly breaks: Mutation;
  readonly path: string;
  readonly message: string;
  /** The same rule's boundary that must pass. */
  readonly passes: Mutation;
}

const inbound0 = (c: Input) => c.mailboxes.inbound[0]!;
// Fake IDs in Graph's shapes (object IDs are GUIDs; consent IDs are base64url).
const APP_OBJECT_ID = "4b2f8c1e-6d3a-4f5b-9e7c-2a1d0f3e5b6c";
const SP_OBJECT_ID = "9c7e5a3b-1d2f-4e6a-8b0c-3d5f7a9b1c2e";
const EXO = "00000002-0000-0ff1-ce00-000000000000";
const MAIL_SEND = "b633e1c5-b582-4048-a93e-9f11b44c7e96";
const GRANT_ID = "O16cnDsd0E-rYOq2g_h0xGHTeEKrqDNPsxWWzJm7_jA";
const ASSIGNMENT_ID = "O16cnDsd0E-rYOq2g_h0xLPhh0F-fnhPmJ7_aW9vJRs";

const cases: Case[] = [
  {
    rule: "GE101",
    breaks: (c) => (inbound0(c).name = "support desk!"),
    path: "mailboxes.inbound[0].name",
    message: "Mailbox Name may use only letters, digits, @, _ and .; `support desk!` contains ` `, `!`.",
    passes: (c) => (inbound0(c).name = "Support_01@desk.x"),
  },
  {
    rule: "GE102",
    breaks: (c) => (inbound0(c).name = "a".repeat(41)),
    path: "mailboxes.inbound[0].name",
    message: "Mailbox Name must be at most 40 characters; `aaaaaaaaaaaaaaaaaaaa…` has 41.",
    passes: (c) => (inbound0(c).name = "a".repeat(40)),
  },
  {
    rule: "GE103",
    breaks: (c) => c.mailboxes.inbound.push(inboundMailbox("Support", { mailbox: "other@contoso.com" })),
    path: "mailboxes.inbound[1].name",
    message: "Mailbox Name `Support` is already used by mailboxes.inbound[0]; inbound Mailbox Names must be unique.",
    passes: (c) => c.mailboxes.inbound.push(inboundMailbox("support2")),
  },
  {
    rule: "GE104",
    breaks: (c) => (c.mailboxes.outbound!.name = "outbound"),
    path: "mailboxes.outbound.name",
    message: "The outbound Mailbox Name is read-only and always smtp-client; `outbound` given.",
    passes: (c) => (c.mailboxes.outbound!.name = "smtp-client"),
  },
  {
    rule: "GE105",
    breaks: (c) => (inbound0(c).maxSizeMb = 21),
    path: "mailboxes.inbound[0].maxSizeMb",
    message: "Max size must be a whole number of MB from 5 to 20; 21 is above 20.",
    passes: (c) => (inbound0(c).maxSizeMb = 20),
  },
  {
    rule: "GE106",
    breaks: (c) => (inbound0(c).server.type = any("SMTP")),
    path: "mailboxes.inbound[0].server.type",
    message: "Inbound server type must be POP3, IMAP, EWS, GRAPH; `SMTP` given.",
    passes: (c) => c.mailboxes.inbound.push(inboundMailbox("graph", { server: { host: "graph.microsoft.com", port: 443, type: "GRAPH" }, password: undefined })),
  },
  {
    rule: "GE107",
    breaks: (c) => (c.mailboxes.outbound!.server.type = any("IMAP")),
    path: "mailboxes.outbound.server.type",
    message: "Outbound server type must be SMTP; `IMAP` given.",
    passes: (c) => (c.mailboxes.outbound!.server.type = "SMTP"),
  },
  {
    rule: "GE108",
    breaks: (c) => (inbound0(c).server.port = 65536),
    path: "mailboxes.inbound[0].server.port",
    message: "Port must be a whole number from 1 to 65535; 65536 is above 65535.",
    passes: (c) => (c.mailboxes.outbound!.server.port = 65535),
  },
  {
    rule: "GE109",
    breaks: (c) => (inbound0(c).server.host = "https://outlook.office365.com"),
    path: "mailboxes.inbound[0].server.host",
    message: "Host must be a valid host name or IP address; `https://outlook.office365.com` is not.",
    passes: (c) => (inbound0(c).server.host = "127.0.0.1"),
  },
  {
    rule: "GE110",
    breaks: (c) => (c.mailboxes.outbound = any([c.mailboxes.outbound, c.mailboxes.outbound])),
    path: "mailboxes.outbound",
    message: "Only one outbound mailbox is permitted; 2 mailboxes given as a list.",
    passes: (c) => delete c.mailboxes.outbound,
  },
  {
    rule: "GE111",
    breaks: (c) => delete inbound0(c).password,
    path: "mailboxes.inbound[0].password",
    message: "A password reference is required: IMAP over OAuth 2.0 uses the resource-owner password flow.",
    passes: (c) => {
      c.mailboxes.inbound.push(inboundMailbox("billing", { server: { host: "graph.microsoft.com", type: "GRAPH" }, password: undefined }));
    },
  },
  {
    rule: "GE112",
    breaks: (c) => (inbound0(c).password = any("hunter2-canary")),
    path: "mailboxes.inbound[0].password",
    message: "A literal secret is not allowed here; the value was not read into any output.",
    passes: (c) => (inbound0(c).password = { env: "HUNTER" }),
  },
  {
    rule: "GE113",
    breaks: (c) => (inbound0(c).server = { host: "outlook.office365.com", port: 995, type: "POP3" }),
    path: "mailboxes.inbound[0].server.type",
    message: "OAuth 2.0 over POP3 is not supported by Genesys E-mail Server yet.",
    passes: (c) => c.mailboxes.inbound.push(inboundMailbox("legacy", { server: { host: "pop.example.net", port: 995, type: "POP3" }, auth: "basic" })),
  },
  {
    rule: "GE114",
    breaks: (c) => delete c.tenant!.directoryId,
    path: "tenant.directoryId",
    message: "A Directory (tenant) ID is required because a mailbox uses OAuth 2.0.",
    passes: (c) => (c.tenant!.directoryId = "6F1C7A2E-0000-4000-8000-000000000001"),
  },
  {
    rule: "GE115",
    breaks: (c) => (inbound0(c).testMailbox = false),
    path: "mailboxes",
    message: "No mailbox is marked as the test mailbox; exactly one is needed because 2 mailboxes use OAuth 2.0.",
    passes: (c) => c.mailboxes.inbound.push(inboundMailbox("second", { testMailbox: false })),
  },
  {
    rule: "GE116",
    breaks: (c) => c.mailboxes.inbound.push(inboundMailbox("shared", { password: { env: "SUPPORT_MAILBOX_PASSWORD" } })),
    path: "mailboxes.inbound[0].password.env",
    message: "The test mailbox's password variable SUPPORT_MAILBOX_PASSWORD is also used by mailboxes.inbound[1].",
    passes: (c) => c.mailboxes.inbound.push(inboundMailbox("own")),
  },
  {
    rule: "GE117",
    breaks: (c) => (c.tenant!.authority = "http://login.microsoftonline.com/"),
    path: "tenant.authority",
    message: "Tenant authority must be an https URL such as https://login.microsoftonline.com/; `http://login.microsoftonline.com/` is not.",
    passes: (c) => (c.tenant!.authority = "https://login.microsoftonline.us"),
  },
  {
    rule: "GE118",
    breaks: (c) => (c.fromAddresses!.addresses![0]!.name = "support.contoso.com"),
    path: "fromAddresses.addresses[0].name",
    message: "From address must be a valid email address; `support.contoso.com` is not.",
    passes: (c) => (c.fromAddresses!.addresses![0]!.name = "first.last+tag@sub.contoso.co.uk"),
  },
  {
    rule: "GE119",
    breaks: (c) => c.fromAddresses!.addresses!.push({ name: "SUPPORT@contoso.com", displayName: "Again" }),
    path: "fromAddresses.addresses[1].name",
    message: "From address `SUPPORT@contoso.com` duplicates fromAddresses.addresses[0].",
    passes: (c) => c.fromAddresses!.addresses!.push({ name: "sales@contoso.com", displayName: "Sales" }),
  },
  {
    rule: "GE120",
    breaks: (c) => (c.fromAddresses!.addresses![0]!.displayName = "  "),
    path: "fromAddresses.addresses[0].displayName",
    message: "Display name must not be empty.",
    passes: (c) => (c.fromAddresses!.addresses![0]!.displayName = "X"),
  },
  {
    rule: "GE121",
    breaks: (c) => delete c.fromAddresses!.folder,
    path: "fromAddresses.folder",
    message: "A Business Attribute folder is required for 1 From address.",
    passes: (c) => (c.fromAddresses = { addresses: [] }),
  },
  {
    rule: "GE122",
    breaks: (c) => c.mailboxes.inbound.push(inboundMailbox("graph", { server: { host: "graph.microsoft.com", type: "GRAPH" }, auth: "basic" })),
    path: "mailboxes.inbound[1].auth",
    message: "GRAPH mailboxes cannot use basic authentication: Microsoft Graph accepts only OAuth 2.0 tokens.",
    passes: (c) => c.mailboxes.inbound.push(inboundMailbox("graph", { server: { host: "graph.microsoft.com", type: "GRAPH" }, password: undefined })),
  },
  {
    rule: "GE123",
    breaks: (c) => (inbound0(c).password = { env: "1BAD-NAME" }),
    path: "mailboxes.inbound[0].password.env",
    message: "env must name an environment variable, and it contains characters other than letters, digits and _; the value is not shown, in case it is the secret itself.",
    passes: (c) => (inbound0(c).password = { env: "_A1" }),
  },
  {
    rule: "GE124",
    breaks: (c) => (inbound0(c).mailbox = "support"),
    path: "mailboxes.inbound[0].mailbox",
    message: "With OAuth 2.0 the login must be the user principal name (name@domain); `support` is not.",
    passes: (c) => c.mailboxes.inbound.push(inboundMailbox("basic", { mailbox: "basiclogin", server: { host: "mail.example.net", type: "IMAP" }, auth: "basic" })),
  },
  {
    rule: "GE125",
    breaks: (c) => (c.application!.clientId = "my-app"),
    path: "application.clientId",
    message: "Client ID must be a GUID; `my-app` given.",
    passes: (c) => (c.application!.clientId = "3b0a8f5e-0000-4000-8000-000000000002"),
  },
  {
    rule: "GE126",
    breaks: (c) => (c.application!.clientSecretLifetimeDays = 731),
    path: "application.clientSecretLifetimeDays",
    message: "Client secret lifetime must be a whole number of days from 1 to 730; 731 is above 730.",
    passes: (c) => (c.application!.clientSecretLifetimeDays = 1),
  },
  {
    rule: "GE127",
    breaks: (c) => c.mailboxes.inbound.push(inboundMailbox("legacy", { mailbox: "legacy\r\nRETR 1", server: { host: "mail.contoso.com", type: "POP3" }, auth: "basic" })),
    path: "mailboxes.inbound[1].mailbox",
    message: "A value sent to a server must not hold a line break (CR, LF) or NUL character; `legacy\\u000d\\u000aRETR 1` does.",
    passes: (c) => c.mailboxes.inbound.push(inboundMailbox("legacy", { mailbox: "legacy RETR 1\t", server: { host: "mail.contoso.com", type: "POP3" }, auth: "basic" })),
  },
  {
    rule: "GE128",
    breaks: (c) => (c.mailboxes.outbound!.fromAddress = "${path.cwd}@contoso.com"),
    path: "mailboxes.outbound.fromAddress",
    message: "An email address never holds `${`, which Terraform reads as the start of an expression.",
    passes: (c) => (c.mailboxes.outbound!.fromAddress = "$agents{x}@contoso.com"),
  },
  {
    rule: "GE129",
    breaks: (c) => {
      // `<displayName> GRAPH mailboxes`: 49 + 16 = 65 characters
      c.application!.displayName = "d".repeat(49);
      c.mailboxes.inbound.push(inboundMailbox("graph", { server: { host: "graph.microsoft.com", type: "GRAPH" }, password: undefined }));
    },
    path: "application.displayName",
    message: `The Exchange group for the GRAPH mailboxes must have 1 to 64 characters (New-DistributionGroup -Name); \`${"d".repeat(49)} GRAPH mail…\` has 65.`,
    passes: (c) => {
      c.application!.displayName = "d".repeat(49);
      c.application!.graphMailboxGroup = "g".repeat(64);
      c.mailboxes.inbound.push(inboundMailbox("graph", { server: { host: "graph.microsoft.com", type: "GRAPH" }, password: undefined }));
    },
  },
  {
    rule: "GE131",
    breaks: (c) => (c.application!.owners = ["admin@contoso.com", "3b0a8f5e-0000-4000-8000-000000000002", "Admin@Contoso.com"]),
    path: "application.owners[2]",
    message: "Owner `Admin@Contoso.com` is already listed at application.owners[0].",
    // A GUID and a UPN, once each.
    passes: (c) => (c.application!.owners = ["admin@contoso.com", "3b0a8f5e-0000-4000-8000-000000000002"]),
  },
  {
    rule: "GE140",
    breaks: (c) => (c.backend = { type: "azurerm", config: { storageAccountName: "tfstate", containerName: "state", key: "email.tfstate", accessKey: "abc123==" } }),
    path: "backend.config.accessKey",
    message: "The azurerm backend's `accessKey` is a credential: it would be written to cdk.tf.json in clear text.",
    passes: (c) => (c.backend = { type: "azurerm", config: { storageAccountName: "tfstate", containerName: "state", key: "email.tfstate", useAzureadAuth: true } }),
  },
  {
    rule: "GE135",
    breaks: (c) => (c.application!.existing = { objectId: APP_OBJECT_ID, servicePrincipalObjectId: APP_OBJECT_ID }),
    path: "application.existing.servicePrincipalObjectId",
    message: "existing.servicePrincipalObjectId is the app registration's object ID; the service principal (Enterprise application) has its own.",
    passes: (c) => (c.application!.existing = { objectId: APP_OBJECT_ID, servicePrincipalObjectId: SP_OBJECT_ID }),
  },
  {
    rule: "GE136",
    breaks: (c) => (c.application!.existing = { objectId: APP_OBJECT_ID, delegatedGrants: { "00000003-0000-0ff1-ce00-000000000000": GRANT_ID }, servicePrincipalObjectId: SP_OBJECT_ID }),
    path: 'application.existing.delegatedGrants["00000003-0000-0ff1-ce00-000000000000"]',
    message:
      "`00000003-0000-0ff1-ce00-000000000000` is not a resource API this tool manages (Office 365 Exchange Online 00000002-0000-0ff1-ce00-000000000000, Microsoft Graph 00000003-0000-0000-c000-000000000000).",
    passes: (c) => (c.application!.existing = { objectId: APP_OBJECT_ID, delegatedGrants: { "00000002-0000-0FF1-CE00-000000000000": GRANT_ID }, servicePrincipalObjectId: SP_OBJECT_ID }),
  },
  {
    rule: "GE137",
    breaks: (c) => (c.application!.existing = { objectId: APP_OBJECT_ID, servicePrincipalObjectId: SP_OBJECT_ID, delegatedGrants: { [EXO]: "8e1f3b9a-1c2d-4e5f-8a9b-0c1d2e3f4a5b" } }),
    path: `application.existing.delegatedGrants["${EXO}"]`,
    message: "A delegated permission grant ID is Graph's id of the consent, not a GUID; `8e1f3b9a-1c2d-4e5f-8a9b-0c1d2e3f4a5b` looks like an object or permission ID.",
    passes: (c) => (c.application!.existing = { objectId: APP_OBJECT_ID, servicePrincipalObjectId: SP_OBJECT_ID, delegatedGrants: { [EXO]: GRANT_ID } }),
  },
  {
    rule: "GE138",
    breaks: (c) => (c.application!.existing = { objectId: APP_OBJECT_ID, servicePrincipalObjectId: SP_OBJECT_ID, appRoleAssignments: { [MAIL_SEND]: ASSIGNMENT_ID } }),
    path: `application.existing.appRoleAssignments.${MAIL_SEND}`,
    message:
      "The assignment of Mail.Send is imported through Microsoft Graph's service principal: existing.resourceServicePrincipals names none for 00000003-0000-0000-c000-000000000000.",
    passes: (c) =>
      (c.application!.existing = {
        objectId: APP_OBJECT_ID,
        servicePrincipalObjectId: SP_OBJECT_ID,
        resourceServicePrincipals: { "00000003-0000-0000-c000-000000000000": "d3b5c6a1-7e2f-4a8b-9c0d-1e2f3a4b5c6d" },
        appRoleAssignments: { [MAIL_SEND]: ASSIGNMENT_ID },
      }),
  },
  {
    rule: "GE143",
    breaks: (c) => (inbound0(c).designerApplication = "<Support Email>"),
    path: "mailboxes.inbound[0].designerApplication",
    message: "`<Support Email>` is a placeholder from genesys-email init.",
    passes: (c) => (inbound0(c).designerApplication = "Support <Email>"),
  },
  {
    rule: "GE201",
    breaks: (c) => c.mailboxes.inbound.push(inboundMailbox("legacy", { auth: "basic" })),
    path: "mailboxes.inbound[1].auth",
    message: "Basic authentication to `outlook.office365.com` is retired by Microsoft for Exchange Online.",
    passes: (c) => c.mailboxes.inbound.push(inboundMailbox("legacy", { auth: "basic", server: { host: "mail.contoso.com", type: "IMAP" } })),
  },
  {
    rule: "GE202",
    breaks: (c) => (inbound0(c).server = { host: "outlook.office365.com", type: "EWS" }),
    path: "mailboxes.inbound[0].server.type",
    message: "EWS against Exchange Online is blocked by default since 2026-10-01 and shut down on 2027-04-01: 121 days remain.",
    passes: (c) => (inbound0(c).server = { host: "exchange.contoso.com", type: "EWS" }),
  },
  {
    rule: "GE203",
    breaks: (c) => {
      for (let i = 1; i <= 25; i++) c.mailboxes.inbound.push(inboundMailbox(`box${i}`));
    },
    path: "mailboxes.inbound",
    message: "26 inbound mailboxes exceed the recommended 25 per E-mail Server instance.",
    passes: (c) => {
      for (let i = 1; i <= 24; i++) c.mailboxes.inbound.push(inboundMailbox(`box${i}`));
    },
  },
  {
    rule: "GE204",
    breaks: (c) => (c.tenant!.authority = "https://127.0.0.1:10443/"),
    path: "tenant.authority",
    message: "Tenant authority `https://127.0.0.1:10443/` is not a Microsoft cloud login host; it will be used without instance discovery.",
    passes: (c) => (c.tenant!.authority = "https://login.chinacloudapi.cn/"),
  },
  {
    rule: "GE205",
    breaks: (c) => (inbound0(c).server.port = 995),
    path: "mailboxes.inbound[0].server.port",
    message: "Port 995 is the POP3 port, but server.type is IMAP.",
    passes: (c) => (inbound0(c).server.port = 143),
  },
  {
    rule: "GE206",
    breaks: (c) => c.mailboxes.inbound.push(inboundMailbox("sales"), inboundMailbox("again", { mailbox: "Sales@contoso.com" })),
    path: "mailboxes.inbound[2].mailbox",
    message: "Login `Sales@contoso.com` on `outlook.office365.com` is also read by mailboxes.inbound[1].",
    passes: (c) =>
      c.mailboxes.inbound.push(inboundMailbox("sales"), inboundMailbox("again", { mailbox: "sales@contoso.com", server: { host: "imap.other.example", type: "IMAP" }, auth: "basic" })),
  },
  {
    rule: "GE207",
    breaks: (c) => c.mailboxes.inbound.push(inboundMailbox("graph", { server: { host: "graph.microsoft.com", type: "GRAPH" } })),
    path: "mailboxes.inbound[1].password",
    message: "The password reference is ignored: GRAPH logs in with the app's client secret.",
    passes: (c) => c.mailboxes.inbound.push(inboundMailbox("graph", { server: { host: "graph.microsoft.com", type: "GRAPH" }, password: undefined })),
  },
  {
    rule: "GE208",
    breaks: (c) => {
      c.application!.clientSecretLifetimeDays = 366;
      c.mailboxes.inbound.push(inboundMailbox("graph", { server: { host: "graph.microsoft.com", type: "GRAPH" }, password: undefined }));
    },
    path: "application.clientSecretLifetimeDays",
    message: "A client secret valid for 366 days outlives the recommended 365.",
    passes: (c) => {
      c.application!.clientSecretLifetimeDays = 365;
      c.mailboxes.inbound.push(inboundMailbox("graph", { server: { host: "graph.microsoft.com", type: "GRAPH" }, password: undefined }));
    },
  },
  {
    rule: "GE209",
    breaks: (c) => {
      c.application = { ...c.application, graphMailboxAccess: "exchange-rbac", clientId: "5f0c7d9e-3b1a-4e2f-9c8d-7a6b5c4d3e2f", clientSecret: { env: "GRAPH_CLIENT_SECRET" } };
      c.mailboxes.inbound.push(inboundMailbox("graph", { server: { host: "graph.microsoft.com", type: "GRAPH" }, password: undefined }));
    },
    path: "application.graphMailboxAccess",
    message:
      "The existing app (application.clientId) may already hold a tenant-wide Graph Mail.ReadWrite or Mail.Send consent; this stack does not remove it, and while it exists the Exchange RBAC scope restricts nothing.",
    // The stack creates the app: it never grants the Graph mail permissions in Entra in this mode.
    passes: (c) => {
      c.application = { ...c.application, graphMailboxAccess: "exchange-rbac" };
      c.mailboxes.inbound.push(inboundMailbox("graph", { server: { host: "graph.microsoft.com", type: "GRAPH" }, password: undefined }));
    },
  },
  {
    rule: "GE210",
    breaks: (c) => {
      inbound0(c).testMailbox = false;
      c.mailboxes.inbound.push(inboundMailbox("graph_test", { server: { host: "graph.microsoft.com", type: "GRAPH" }, password: undefined, testMailbox: true }));
      c.mailboxes.inbound.push(inboundMailbox("billing", { server: { host: "graph.microsoft.com", type: "GRAPH" }, password: undefined }));
    },
    path: "mailboxes.inbound[1].testMailbox",
    message: "The test mailbox `graph_test` is a GRAPH mailbox: it signs in with the application's client secret, shared with 1 other GRAPH mailbox.",
    // GRAPH mailboxes beside an IMAP test mailbox: the test mailbox has its own password.
    passes: (c) => c.mailboxes.inbound.push(inboundMailbox("billing", { server: { host: "graph.microsoft.com", type: "GRAPH" }, password: undefined })),
  },
  {
    rule: "GE211",
    breaks: (c) => (c.application!.assignmentRequired = false),
    path: "application.assignmentRequired",
    message: "With assignmentRequired: false any account of the tenant can sign in through the app with the password flow, not only the 2 mailbox accounts declared.",
    // Bring your own app: its service principal is not managed here.
    passes: (c) => (c.application = { ...c.application, assignmentRequired: false, clientId: "5f0c7d9e-3b1a-4e2f-9c8d-7a6b5c4d3e2f" }),
  },
];

describe("GE201's fix names the way off basic auth for the protocol", () => {
  it.each([
    ["IMAP", { host: "outlook.office365.com", type: "IMAP" }, "set auth: oauth2 and migrate the mailbox with the OAuth 2.0 request"],
    ["POP3", { host: "outlook.office365.com", type: "POP3" }, "move it to IMAP (server.type: IMAP, port 993) or GRAPH, with auth: oauth2: Genesys does not support OAuth 2.0 over POP3 (GE113)"],
    ["EWS", { host: "outlook.office365.com", type: "EWS" }, "move it to GRAPH (EWS in Exchange Online shuts down on 2027-04-01), or set auth: oauth2 until then"],
  ])("%s", (_type, server, fix) => {
    const c = validConfig();
    c.mailboxes.inbound.push(inboundMailbox("legacy", { auth: "basic", server }));
    expect(validate(c).findings.filter((f) => f.ruleId === "GE201").map((f) => f.fix)).toEqual([fix]);
  });

  it("SMTP", () => {
    const c = validConfig();
    c.mailboxes.outbound!.auth = "basic";
    expect(validate(c).findings.filter((f) => f.ruleId === "GE201").map((f) => f.fix)).toEqual(["set auth: oauth2 (SMTP AUTH with XOAUTH2) and migrate the mailbox with the OAuth 2.0 request"]);
  });

  it("the POP3 fix does not lead into GE113: following it (IMAP with OAuth 2.0) leaves no finding", () => {
    const c = validConfig();
    c.mailboxes.inbound.push(inboundMailbox("legacy", { auth: "oauth2", server: { host: "outlook.office365.com", port: 993, type: "IMAP" } }));
    expect(validate(c).findings).toEqual([]);
  });
});

describe("GE131 names each owner that is neither an object ID nor a UPN, and an empty list", () => {
  it.each([
    [["admins", "admin@contoso.com"], "application.owners[0]", "An owner is an object ID (GUID) or a user principal name (name@domain); `admins` is neither."],
    [[], "application.owners", "application.owners is empty: the app registration would have no owner."],
  ])("%j", (owners, path, message) => {
    const c = validConfig();
    c.application!.owners = owners;
    expect(validate(c).findings.map((f) => [f.ruleId, f.path, f.message])).toEqual([["GE131", path, message]]);
  });
});

describe("GE211 counts each account once", () => {
  it("two mailboxes on one login (any case) are one account", () => {
    const c = validConfig();
    c.application!.assignmentRequired = false;
    c.mailboxes.outbound!.mailbox = "SUPPORT@contoso.com";
    expect(validate(c).findings.filter((f) => f.ruleId === "GE211").map((f) => f.message)).toEqual([
      "With assignmentRequired: false any account of the tenant can sign in through the app with the password flow, not only the 1 mailbox account declared.",
    ]);
  });
});

describe("GE209 stays quiet where it has nothing to say", () => {
  it.each([
    ["the default tenant-consent mode with an existing app", { graphMailboxAccess: "tenant-consent" as const }, true],
    ["exchange-rbac with an existing app but no GRAPH mailbox", { graphMailboxAccess: "exchange-rbac" as const }, false],
  ])("%s", (_name, application, withGraph) => {
    const c = validConfig();
    c.application = { ...c.application, ...application, clientId: "5f0c7d9e-3b1a-4e2f-9c8d-7a6b5c4d3e2f", clientSecret: { env: "GRAPH_CLIENT_SECRET" } };
    if (withGraph) c.mailboxes.inbound.push(inboundMailbox("graph", { server: { host: "graph.microsoft.com", type: "GRAPH" }, password: undefined }));
    expect(validate(c).findings.filter((f) => f.ruleId === "GE209")).toEqual([]);
  });
});

/** Rules run on a fixed day: GE202 counts the days to the EWS shutdown. */
const TODAY = new Date("2026-12-01T09:00:00Z");

function run(mutate: Mutation, now = TODAY) {
  const config = validConfig();
  mutate(config);
  return validate(config, { now });
}

describe("GE202 counts the days to the EWS shutdown, then fails", () => {
  const ews = (c: Input) => (inbound0(c).server = { host: "outlook.office365.com", type: "EWS" });
  it.each([
    ["2026-09-30T23:59:59Z", "warning", "EWS against Exchange Online is blocked from 2026-10-01 (in 1 day) and shut down on 2027-04-01: 183 days remain."],
    ["2026-10-01T00:00:00Z", "warning", "EWS against Exchange Online is blocked by default since 2026-10-01 and shut down on 2027-04-01: 182 days remain."],
    ["2027-03-31T23:59:59Z", "warning", "EWS against Exchange Online is blocked by default since 2026-10-01 and shut down on 2027-04-01: 1 day remains."],
    ["2027-04-01T00:00:00Z", "error", "EWS against Exchange Online was shut down on 2027-04-01: this mailbox cannot connect."],
    ["2030-01-01T00:00:00Z", "error", "EWS against Exchange Online was shut down on 2027-04-01: this mailbox cannot connect."],
  ])("on %s: a %s", (now, severity, message) => {
    const { findings } = run(ews, new Date(now));
    expect(findings.map((f) => [f.ruleId, f.severity, f.message])).toEqual([["GE202", severity, message]]);
  });

  it("a frozen config validated on another day is checked again", () => {
    const config = validConfig();
    ews(config);
    Object.freeze(config);
    const severities = ["2026-12-01", "2027-04-01", "2026-12-01"].map((day) => validate(config, { now: new Date(`${day}T12:00:00Z`) }).findings[0]!.severity);
    expect(severities).toEqual(["warning", "error", "warning"]);
  });
});

describe("the valid base config", () => {
  it("has no findings", () => {
    expect(run(() => undefined).findings).toEqual([]);
  });
});

describe.each(cases)("$rule", ({ rule, breaks, path, message, passes }) => {
  const meta = RULES.find((r) => r.id === rule)!;

  it("Noncompliance: reports exactly this finding", () => {
    const { findings } = run(breaks);
    expect(findings.map((f) => ({ ruleId: f.ruleId, path: f.path, message: f.message, severity: f.severity }))).toEqual([
      { ruleId: rule, path, message, severity: meta.severity },
    ]);
    expect(findings[0]!.fix.length).toBeGreaterThan(10);
  });

  it("Compliance: passes at the boundary", () => {
    expect(run(passes).findings).toEqual([]);
  });
});

describe("the rule pack", () => {
  it("has a test case for every rule that checks values", () => {
    const engineRules = ["GE001", "GE002", "GE003"];
    expect(RULES.map((r) => r.id).filter((id) => !engineRules.includes(id))).toEqual(cases.map((c) => c.rule));
  });

  it("has unique IDs and names, and every rule says where its constraint comes from", () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    expect(new Set(RULES.map((r) => r.name)).size).toBe(RULES.length);
    for (const r of RULES) {
      expect(r.id).toMatch(/^GE\d{3}$/);
      expect(r.source.length).toBeGreaterThan(10);
      // GE1xx errors, GE2xx warnings; GE0xx belong to the engine.
      if (!r.id.startsWith("GE0")) expect(r.severity === "warning").toBe(r.id.startsWith("GE2"));
    }
  });
});
