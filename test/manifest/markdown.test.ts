import { buildMigrationRequest, renderMigrationRequestMarkdown } from "../../src/manifest";
import { mdCode } from "../../src/manifest/private/markdown-text";
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

  test("one mailbox only: no 'other mailboxes' sentence; checklist for GRAPH only", () => {
    const config = validConfig({ tenant: { directoryId: TENANT }, mailboxes: { inbound: [graph("billing", "billing@contoso.com", { testMailbox: true })] } });
    const text = renderMigrationRequestMarkdown(buildMigrationRequest(config, { clientId: CLIENT_ID }));
    expect(text).toContain("`billing` is the test mailbox.");
    expect(text).not.toContain("Multifactor");
    expect(text).not.toContain("IMAP is enabled");
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

describe("mdCode", () => {
  test.each([
    ["plain", "`plain`"],
    ["a|b", "`a\\|b`"],
    ["tick`in", "``tick`in``"],
    ["`edge", "`` `edge ``"],
    ["line\nbreak", "`line\\u000abreak`"],
  ])("%j → %s", (value, expected) => {
    expect(mdCode(value)).toBe(expected);
  });
});
