import { buildMigrationRequest, renderMigrationRequestMarkdown, renderPreMigrationChecklist } from "../../src/manifest";
import { CLIENT_ID, TENANT, exampleConfig, graph, imap, validConfig } from "./helpers";

describe("renderMigrationRequestMarkdown", () => {
  test("the example with the client ID from the Terraform outputs (read, then pinned)", () => {
    expect(renderMigrationRequestMarkdown(buildMigrationRequest(exampleConfig(), { clientId: CLIENT_ID, tenantId: TENANT }))).toMatchSnapshot();
  });

  test("pending client ID: a not-ready banner, and PENDING in place of the client-id", () => {
    const text = renderMigrationRequestMarkdown(buildMigrationRequest(exampleConfig()));
    const lines = text.split("\n");
    expect(lines[2]).toBe(
      "> **Not ready to send: the client-id is pending.** The Entra application is created by `terraform apply`, so its Application (client) ID is not known yet.",
    );
    expect(lines.filter((l) => l.startsWith("| client-id |"))).toEqual(Array(4).fill("| client-id | PENDING: known after `terraform apply` |"));
    expect(text).not.toMatch(/\| client-id \| `/);
  });

  test("a sovereign cloud: tenant-authority in the summary and in every table", () => {
    const config = validConfig({
      tenant: { directoryId: TENANT, authority: "https://login.microsoftonline.us/" },
      mailboxes: { inbound: [imap("gov_test", "gov-test@contoso.us", { testMailbox: true, server: { host: "outlook.office365.us", type: "IMAP" } }), imap("gov", "gov@contoso.us", { server: { host: "outlook.office365.us", type: "IMAP" } })] },
    });
    const lines = renderMigrationRequestMarkdown(buildMigrationRequest(config, { clientId: CLIENT_ID })).split("\n");
    expect(lines).toContain("- tenant-authority: `https://login.microsoftonline.us`");
    expect(lines.filter((l) => l.startsWith("| tenant-authority |"))).toEqual(Array(2).fill("| tenant-authority | `https://login.microsoftonline.us` |"));
  });

  test("the default authority: no tenant-authority anywhere", () => {
    expect(renderMigrationRequestMarkdown(buildMigrationRequest(exampleConfig(), { clientId: CLIENT_ID }))).not.toContain("tenant-authority");
  });

  test("one mailbox only: no 'other mailboxes' sentence; pre-migration.md for GRAPH only", () => {
    const config = validConfig({ tenant: { directoryId: TENANT }, mailboxes: { inbound: [graph("billing", "billing@contoso.com", { testMailbox: true })] } });
    const request = buildMigrationRequest(config, { clientId: CLIENT_ID });
    const text = renderMigrationRequestMarkdown(request);
    expect(text).toContain("`billing` is the test mailbox.");
    expect(text).toContain("Please reply in this case once the mailbox is migrated.");
    const checklist = renderPreMigrationChecklist(config, request);
    expect(checklist).not.toContain("Multifactor");
    expect(checklist).not.toContain("IMAP is enabled");
  });

  test("graphMailboxAccess: exchange-rbac: the Exchange roles stand in for Graph permissions, in the summary and in pre-migration.md", () => {
    // GIVEN
    const config = validConfig({
      tenant: { directoryId: TENANT },
      application: { graphMailboxAccess: "exchange-rbac" },
      mailboxes: { inbound: [imap("support_test", "support-test@contoso.com", { testMailbox: true }), graph("billing", "billing@contoso.com")] },
    });
    // WHEN
    const request = buildMigrationRequest(config, { clientId: CLIENT_ID });
    const lines = renderMigrationRequestMarkdown(request).split("\n");
    // THEN
    expect(lines).toContain("- Permissions, granted with admin consent:");
    expect(lines).toContain("  - Office 365 Exchange Online: IMAP.AccessAsUser.All, User.Read (delegated)");
    expect(lines.filter((l) => l.includes("Mail.ReadWrite"))).toEqual([
      "- Mail access for the GRAPH mailboxes, granted in Exchange Online instead of Entra: `Application Mail.ReadWrite`, `Application Mail.Send` (RBAC for Applications), scoped to exactly those mailboxes. The Entra app therefore lists no Microsoft Graph Mail.ReadWrite or Mail.Send permission.",
    ]);
    expect(renderPreMigrationChecklist(config, request).split("\n")).toContain(
      "- [ ] The application holds no Microsoft Graph mail permission in Entra; exchange-setup.ps1 assigned `Application Mail.ReadWrite`, `Application Mail.Send` scoped to the GRAPH mailboxes (`billing@contoso.com`), and `Test-ServicePrincipalAuthorization` shows them InScope for each.",
    );
  });

  test("graphMailboxAccess: exchange-rbac with GRAPH mailboxes only: no empty permissions heading", () => {
    const config = validConfig({ tenant: { directoryId: TENANT }, application: { graphMailboxAccess: "exchange-rbac" }, mailboxes: { inbound: [graph("billing", "billing@contoso.com", { testMailbox: true })] } });
    const text = renderMigrationRequestMarkdown(buildMigrationRequest(config, { clientId: CLIENT_ID }));
    expect(text).not.toContain("- Permissions, granted with admin consent:");
    expect(text).toContain("- Mail access for the GRAPH mailboxes, granted in Exchange Online instead of Entra:");
  });

  test("a Designer application with Markdown and table syntax stays inside its cell", () => {
    const config = validConfig({
      tenant: { directoryId: TENANT },
      mailboxes: { inbound: [imap("support_test", "support-test@contoso.com", { testMailbox: true, designerApplication: "Sales | `VIP`\n<b>x</b>" })] },
    });
    const lines = renderMigrationRequestMarkdown(buildMigrationRequest(config, { clientId: CLIENT_ID })).split("\n");
    expect(lines).toContain("| Designer application | ``Sales \\| `VIP`\\u000a<b>x</b>`` |");
  });
});
