import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { buildMigrationRequest, MIGRATION_REQUEST_SCHEMA_PATH, renderMigrationRequestJson, renderMigrationRequestJsonSchema } from "../../src/manifest";
import { CLIENT_ID, TENANT, exampleConfig, ews, graph, imap, smtp, validConfig } from "./helpers";

const schemaFile = join(__dirname, "..", "..", MIGRATION_REQUEST_SCHEMA_PATH);

describe("schemas/migration-request.schema.json", () => {
  test("the committed file is exactly what the zod schema generates (UPDATE_SCHEMAS=1 rewrites it)", () => {
    const generated = renderMigrationRequestJsonSchema();
    if (process.env.UPDATE_SCHEMAS === "1") writeFileSync(schemaFile, generated);
    expect(readFileSync(schemaFile, "utf8")).toBe(generated);
  });

  // strictTuples flags open tuples (prefixItems + items) as a style issue; that shape is intended here.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTuples: false });
  const validateRequest = ajv.compile(JSON.parse(readFileSync(schemaFile, "utf8")));

  test.each([
    ["the example, pending", () => buildMigrationRequest(exampleConfig())],
    ["the example, resolved", () => buildMigrationRequest(exampleConfig(), { clientId: CLIENT_ID })],
    ["IMAP + SMTP, sovereign cloud", () => buildMigrationRequest(validConfig({ tenant: { directoryId: TENANT, authority: "https://login.microsoftonline.us" }, mailboxes: { inbound: [imap("t", "t@contoso.us", { testMailbox: true })], outbound: smtp("a@contoso.us") } }))],
    ["GRAPH, exchange-rbac", () => buildMigrationRequest(validConfig({ tenant: { directoryId: TENANT }, application: { graphMailboxAccess: "exchange-rbac" }, mailboxes: { inbound: [graph("g", "g@contoso.com", { testMailbox: true })] } }))],
    ["EWS + GRAPH, single tenant", () => buildMigrationRequest(validConfig({ tenant: { directoryId: TENANT }, application: { audience: "single-tenant" }, mailboxes: { inbound: [ews("e", "e@contoso.com", { testMailbox: true }), graph("g", "g@contoso.com")] } }))],
  ])("%s: the rendered JSON validates", (_name, build) => {
    const json = JSON.parse(renderMigrationRequestJson(build()));
    expect(validateRequest(json) ? [] : validateRequest.errors).toEqual([]);
  });

  describe("the schema rejects what a request must never be", () => {
    const good = () => JSON.parse(renderMigrationRequestJson(buildMigrationRequest(exampleConfig(), { clientId: CLIENT_ID })));
    test.each([
      ["a password field on a mailbox", (r: any) => (r.mailboxes[1].password = "hunter2")],
      ["the test mailbox not listed first", (r: any) => r.mailboxes.reverse()],
      ["two test mailboxes", (r: any) => (r.mailboxes[1].testMailbox = "yes")],
      ["no mailbox", (r: any) => (r.mailboxes = [])],
      ["a pending status with a client ID", (r: any) => (r.application.clientIdStatus = "pending-terraform-apply")],
      ["a resolved status without a client ID", (r: any) => (r.application.clientId = null)],
      ["credential delivery other than out of band", (r: any) => (r.mailboxes[0].credential.delivery = "inline")],
      ["another schemaVersion", (r: any) => (r.schemaVersion = 2)],
      ["a max size on the outbound mailbox", (r: any) => (r.mailboxes[3].maxSizeMb = 5)],
    ])("%s", (_name, mutate) => {
      const r = good();
      mutate(r);
      expect(validateRequest(r)).toBe(false);
    });
  });
});
