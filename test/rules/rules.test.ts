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
    passes: (c) => {
      inbound0(c).server = { host: "graph.microsoft.com", port: 443, type: "GRAPH" };
      delete inbound0(c).password;
    },
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
    message: "EWS against Exchange Online is blocked from 2026-10-01 and shut down on 2027-04-01.",
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
];

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

function run(mutate: Mutation) {
  const config = validConfig();
  mutate(config);
  return validate(config);
}

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
