import { buildMigrationRequest, migrationRequestFiles, renderMigrationRequestMarkdown, renderPreMigrationChecklist } from "../../src/manifest";
import type { EmailConfigInput } from "../../src/model/config";
import { CLIENT_ID, TENANT, ews, exampleConfig, graph, imap, smtp, validConfig } from "./helpers";

const pop3 = (name: string, login: string, extra: Record<string, unknown> = {}) =>
  imap(name, login, { server: { host: "outlook.office365.com", type: "POP3" }, suppressions: [{ id: "GE113", reason: "a Genesys build with POP3 OAuth" }], ...extra });

const CONTACT_CENTER = { name: "Contoso Support", environment: "Production" };
const MIXES: Record<string, EmailConfigInput> = {
  "every protocol": {
    contactCenter: CONTACT_CENTER,
    tenant: { directoryId: TENANT },
    mailboxes: { inbound: [imap("t", "t@contoso.com", { testMailbox: true }), pop3("p", "p@contoso.com"), ews("e", "e@contoso.com"), graph("g", "g@contoso.com")], outbound: smtp("agents@contoso.com") },
  },
  "GRAPH only, exchange-rbac": { tenant: { directoryId: TENANT }, application: { graphMailboxAccess: "exchange-rbac" }, mailboxes: { inbound: [graph("g", "g@contoso.com", { testMailbox: true })] } },
  "IMAP only": { tenant: { directoryId: TENANT }, mailboxes: { inbound: [imap("t", "t@contoso.com", { testMailbox: true })] } },
};

/** Markdown task-list items and HTML checkboxes. */
const CHECKBOX = /^\s*[-*+] \[[ xX]\]|<input[^>]*checkbox/im;

describe("migration-request.md is for Genesys, pre-migration.md for us", () => {
  test.each(Object.entries(MIXES))("%s: the request has no checkbox, the checklist has one per item", (_name, input) => {
    const files = migrationRequestFiles(validConfig(input), { clientId: CLIENT_ID });
    const request = files.find((f) => f.name === "migration-request.md")!.content;
    const checklist = files.find((f) => f.name === "pre-migration.md")!.content;
    expect(request).not.toMatch(CHECKBOX);
    expect(request.startsWith("# OAuth 2.0 migration request: Genesys E-mail Server mailboxes\n")).toBe(true);
    expect(request).toContain("\nHello Genesys Customer Care,\n");
    expect(request).not.toMatch(/checklist|tick/i);
    expect(checklist).toMatch(CHECKBOX);
    expect(checklist).toContain("For us, not for Genesys: tick every item before sending migration-request.md to Genesys Customer Care.");
  });

  test("every protocol's item, the roles, and the honest line for a password-flow test mailbox", () => {
    // GIVEN
    const config = validConfig(MIXES["every protocol"]!);
    // WHEN
    const lines = renderPreMigrationChecklist(config, buildMigrationRequest(config, { clientId: CLIENT_ID })).split("\n");
    // THEN
    expect(lines[0]).toBe("# Pre-migration checklist: `Contoso Support`, `Production`");
    expect(lines.filter((l) => l.startsWith("- ") && !l.startsWith("- [ ]"))).toEqual([
      "- `terraform apply` of this stack: an Entra **Privileged Role Administrator**, because admin consent for the application permissions Microsoft Graph Mail.ReadWrite, Microsoft Graph Mail.Send (app roles) takes Privileged Role Administrator or Global Administrator; Cloud Application Administrator cannot grant it.",
      "- exchange-setup.ps1: an **Exchange Administrator**, in Exchange Online PowerShell.",
    ]);
    expect(lines.filter((l) => l.startsWith("- [ ]"))).toEqual([
      `- [ ] The client-id in migration-request.md, \`${CLIENT_ID}\`, is this stack's (\`terraform output -raw client_id\`).`,
      "- [ ] Multifactor authentication is off for the accounts that sign in with their password (IMAP, POP3, EWS, SMTP): `t@contoso.com`, `e@contoso.com`, `p@contoso.com`, `agents@contoso.com`. Conditional Access policies and per-user MFA exclude them.",
      "- [ ] Entra verifies their passwords itself (cloud accounts, or password hash sync with a home realm discovery policy): the resource owner password flow fails for federated accounts. `genesys-email check` shows the token step for each.",
      "- [ ] The application's client secret (`terraform output -raw client_secret`) is ready to reach Genesys out of band, through the support case's secure channel, never in the case text.",
      "- [ ] IMAP is enabled for `t@contoso.com` (`Get-CASMailbox`: ImapEnabled True).",
      "- [ ] POP3 is enabled for `p@contoso.com` (`Get-CASMailbox`: PopEnabled True).",
      "- [ ] EWS is enabled for `e@contoso.com` (`Get-CASMailbox`: EwsEnabled True) and not blocked for the organization (`Get-OrganizationConfig`: EwsEnabled is not False).",
      "- [ ] SMTP AUTH is enabled for `agents@contoso.com` (`Get-CASMailbox`: SmtpClientAuthenticationDisabled False).",
      "- [ ] The application has Mail.ReadWrite and Mail.Send with admin consent and, as Genesys recommends, Exchange Online limits it to the GRAPH mailboxes (`g@contoso.com`) with an application access policy (exchange-setup.ps1; `Test-ApplicationAccessPolicy` shows Granted for each). An RBAC for Applications scope alone would not limit the tenant-wide consent.",
      "- [ ] exchange-setup.ps1 ran to its end without an error (run it with `-WhatIf` first to see each change).",
      "- [ ] The test mailbox `t` has its own credential: no other mailbox shares its login `t@contoso.com` or its password.",
      "- [ ] `genesys-email check` passed for every mailbox in this request.",
    ]);
  });

  test("delegated permissions only: Cloud Application Administrator; a pending client ID is an item", () => {
    const config = validConfig(MIXES["IMAP only"]!);
    const lines = renderPreMigrationChecklist(config, buildMigrationRequest(config)).split("\n");
    expect(lines).toContain(
      "- `terraform apply` of this stack: an Entra **Cloud Application Administrator**, because the stack grants delegated permissions only, which Cloud Application Administrator (or Application Administrator) may consent to.",
    );
    expect(lines).toContain(
      "- [ ] `terraform apply` ran for this stack, and migration-request.md was rendered again with its outputs (`genesys-email manifest <config file> --tf-outputs outputs.json`): its client-id is no longer pending.",
    );
  });

  test("a GRAPH test mailbox: the line says it shares the app's secret instead of claiming its own credential", () => {
    const config = validConfig({
      tenant: { directoryId: TENANT },
      mailboxes: { inbound: [graph("graph_test", "gt@contoso.com", { testMailbox: true }), graph("billing", "billing@contoso.com")] },
      suppressions: [{ id: "GE210", reason: "the app itself is what this test covers" }],
    });
    const lines = renderPreMigrationChecklist(config, buildMigrationRequest(config, { clientId: CLIENT_ID })).split("\n");
    expect(lines).toContain(
      "- [ ] The test mailbox `graph_test` is a GRAPH mailbox: it signs in with the application's client secret, which every GRAPH mailbox shares (`billing` too), so it has no credential of its own. Migrating it first tests the app registration, the secret and the Exchange fence; Genesys asks for a test mailbox with its own credential, which only a password-flow mailbox (IMAP, EWS, SMTP) has.",
    );
    expect(lines.join("\n")).not.toContain("has its own credential:");
    // exchange-rbac, GRAPH only: no Graph app role in Entra, so Cloud Application Administrator suffices.
    const rbac = validConfig({ ...MIXES["GRAPH only, exchange-rbac"]!, suppressions: [{ id: "GE210", reason: "the app itself is what this test covers" }] });
    expect(renderPreMigrationChecklist(rbac, buildMigrationRequest(rbac, { clientId: CLIENT_ID }))).toContain("an Entra **Cloud Application Administrator**");
  });
});

describe("the request names the contact center and the environment, and shows the EWS endpoint", () => {
  test("named in the config", () => {
    const text = renderMigrationRequestMarkdown(buildMigrationRequest(exampleConfig(), { clientId: CLIENT_ID }));
    expect(text).toContain("\n- Contact center: `Contoso Support`\n- Environment: `Production`\n");
    expect(text).not.toContain("Not ready to send");
  });

  test("the environment from environments: when the config names none", () => {
    const config = validConfig({ contactCenter: { name: "Contoso" }, tenant: { directoryId: TENANT }, mailboxes: { inbound: [imap("t", "t@contoso.com", { testMailbox: true })] } });
    const request = buildMigrationRequest(config, { clientId: CLIENT_ID, environment: "prod" });
    expect(request.contactCenter).toEqual({ name: "Contoso", environment: "prod" });
    expect(renderMigrationRequestMarkdown(request)).toContain("\n- Contact center: `Contoso`\n- Environment: `prod`\n");
  });

  test("unnamed: a not-ready banner says what to set, and the lines say so too", () => {
    const config = validConfig(MIXES["IMAP only"]!);
    const lines = renderMigrationRequestMarkdown(buildMigrationRequest(config, { clientId: CLIENT_ID })).split("\n");
    expect(lines.slice(2, 4)).toEqual([
      "> **Not ready to send: the contact center and the environment are not named.** Genesys Customer Care needs both to find your E-mail Server.",
      "> Set `contactCenter.name` (and `contactCenter.environment`, unless the file's `environments:` names it) in the config, then render this request again.",
    ]);
    expect(lines).toContain("- Contact center: not named (set `contactCenter.name`)");
    expect(lines).toContain("- Environment: not named (set `contactCenter.environment`)");
  });

  test("EWS: the endpoint's URL with its path, the port only when it is not 443", () => {
    const config = validConfig({
      contactCenter: CONTACT_CENTER,
      tenant: { directoryId: TENANT },
      mailboxes: { inbound: [ews("ews_test", "e@contoso.com", { testMailbox: true }), ews("onprem", "o@contoso.com", { server: { host: "mail.contoso.com", port: 8443, type: "EWS", path: "ews/exchange.asmx" } })] },
      suppressions: [{ id: "GE202", reason: "EWS until the GRAPH move in Q3" }],
    });
    const lines = renderMigrationRequestMarkdown(buildMigrationRequest(config, { clientId: CLIENT_ID })).split("\n");
    expect(lines.filter((l) => l.startsWith("| EWS endpoint |"))).toEqual([
      "| EWS endpoint | `https://outlook.office365.com/EWS/Exchange.asmx` |",
      "| EWS endpoint | `https://mail.contoso.com:8443/ews/exchange.asmx` |",
    ]);
    expect(lines).toContain("| Host:Port/Type | `outlook.office365.com:443/EWS` |");
  });
});
