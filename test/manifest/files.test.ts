import { buildMigrationRequest, migrationRequestFiles, MigrationRequestError, renderExchangeSetupScript, renderMigrationRequestJson, renderMigrationRequestMarkdown, renderPreMigrationChecklist } from "../../src/manifest";
import { CLIENT_ID, TENANT, exampleConfig, imap, validConfig } from "./helpers";

describe("migrationRequestFiles (what synth writes beside cdk.tf.json)", () => {
  test("the example at synth: four files, client ID pending", () => {
    const files = migrationRequestFiles(exampleConfig());
    expect(files.map((f) => f.name)).toEqual(["migration-request.json", "migration-request.md", "pre-migration.md", "exchange-setup.ps1"]);
    const json = JSON.parse(files[0]!.content);
    expect(json.application).toMatchObject({ clientIdStatus: "pending-terraform-apply", clientId: null });
    expect(files[1]!.content).toBe(renderMigrationRequestMarkdown(buildMigrationRequest(exampleConfig())));
    // The example is tenant-consent: the script fences the Entra grant with an application access policy.
    expect(files[2]!.content).toBe(renderPreMigrationChecklist(exampleConfig(), buildMigrationRequest(exampleConfig())));
    expect(files[3]!.content).toBe(renderExchangeSetupScript(exampleConfig(), { style: "application-access-policy" }));
  });

  test("a known client ID is used in every file", () => {
    const files = migrationRequestFiles(exampleConfig(), { clientId: CLIENT_ID });
    expect(files[0]!.content).toBe(renderMigrationRequestJson(buildMigrationRequest(exampleConfig(), { clientId: CLIENT_ID })));
    for (const f of files) expect(f.content).toContain(CLIENT_ID);
  });

  test("the environment's name reaches the request unless contactCenter.environment is set", () => {
    const config = validConfig({ contactCenter: { name: "Contoso" }, tenant: { directoryId: TENANT }, mailboxes: { inbound: [imap("t", "t@contoso.com", { testMailbox: true })] } });
    expect(JSON.parse(migrationRequestFiles(config, { environment: "prod" })[0]!.content).contactCenter).toEqual({ name: "Contoso", environment: "prod" });
    const explicit = validConfig({ contactCenter: { name: "Contoso", environment: "Production" }, tenant: { directoryId: TENANT }, mailboxes: { inbound: [imap("t", "t@contoso.com", { testMailbox: true })] } });
    expect(JSON.parse(migrationRequestFiles(explicit, { environment: "prod" })[0]!.content).contactCenter).toEqual({ name: "Contoso", environment: "Production" });
  });

  test("deterministic: byte-identical for the same input", () => {
    expect(migrationRequestFiles(exampleConfig())).toEqual(migrationRequestFiles(exampleConfig()));
  });

  test("no OAuth 2.0 mailbox: no files", () => {
    const config = validConfig({ mailboxes: { inbound: [{ name: "legacy", mailbox: "legacy", server: { host: "mail.example.org", type: "IMAP" }, auth: "basic", password: { env: "LEGACY_PASSWORD" } }] } });
    expect(migrationRequestFiles(config)).toEqual([]);
  });

  test("no test mailbox (GE115 suppressed): throws MigrationRequestError with the reason", () => {
    const config = validConfig({
      tenant: { directoryId: TENANT },
      mailboxes: { inbound: [imap("support", "support@contoso.com")] },
      suppressions: [{ id: "GE115", reason: "the test mailbox is set up in another stack" }],
    });
    expect(() => migrationRequestFiles(config)).toThrow(
      new MigrationRequestError([{ source: "config", message: "Exactly one OAuth 2.0 mailbox must be marked testMailbox: true (Genesys migrates it first); none is marked." }]),
    );
  });
});
