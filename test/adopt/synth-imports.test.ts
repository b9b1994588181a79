import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { runCli } from "../cli/run-cli";

// The whole path: Graph JSON (test/fixtures/graph, Graph's exact shape) -> import -> validate -> synth -> import blocks.
const F = "test/fixtures/graph";
const IMPORT = [
  "import",
  "--application", `${F}/app.json`,
  "--service-principal", `${F}/sp.json`,
  "--grants", `${F}/grants.json`,
  "--app-role-assignments", `${F}/roles.json`,
  "--resources", `${F}/resources.json`,
  "--mailboxes", `${F}/mailboxes.csv`,
  "--test-mailbox", "support_test",
];
const dir = mkdtempSync(join(tmpdir(), "ge-adopt-synth-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface TfJson {
  import?: Array<{ id: string; to: string }>;
  resource: Record<string, Record<string, Record<string, unknown>>>;
}

async function synth(name: string, config: string | object): Promise<TfJson> {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, typeof config === "string" ? config : stringify(config));
  const r = await runCli(["synth", file, "--out", join(dir, "out")]);
  expect(r.code).toBe(0);
  return JSON.parse(readFileSync(join(dir, "out", "stacks", name, "cdk.tf.json"), "utf8"));
}

/** `azuread_application.email_application_2BE22718` -> `azuread_application.email_application`: the address without CDKTF's hash. */
const imports = (tf: TfJson) => (tf.import ?? []).map((i) => [i.to.replace(/_[0-9A-F]{8}$/, ""), i.id]);

describe("synth of an adopted config", () => {
  it("emits one import block per existing resource it manages, with exactly the azuread import IDs", async () => {
    const out = join(dir, "adopted.yaml");
    expect((await runCli([...IMPORT, "--out", out])).code).toBe(0);
    expect((await runCli(["validate", out])).code).toBe(0);
    const tf = await synth("adopted", readFileSync(out, "utf8"));
    expect(imports(tf)).toEqual([
      ["azuread_application.email_application", "/applications/3f1c2b4a-8d7e-4c6b-9a5f-1e2d3c4b5a69"],
      ["azuread_service_principal.email_application_service-principal", "/servicePrincipals/5d4c3b2a-9e8f-4a7b-8c6d-2e1f0a9b8c7d"],
      ["azuread_service_principal_delegated_permission_grant.email_application_consent-exchange-online", "/oauth2PermissionGrants/KjtMXY-ee0qMbS4fCpuMfeXUw7Kn9oxLnQ4fKjtMXW4"],
      [
        "azuread_app_role_assignment.email_application_role-microsoft-graph-Mail-ReadWrite",
        "/servicePrincipals/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d/appRoleAssignedTo/KjtMXY-ee0qMbS4fCpuMfW4NnIt6b15NPCsaCRgnNkU",
      ],
      [
        "azuread_app_role_assignment.email_application_role-microsoft-graph-Mail-Send",
        "/servicePrincipals/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d/appRoleAssignedTo/KjtMXY-ee0qMbS4fCpuMfQ8eLTxLWml4h5altMPS4fA",
      ],
    ]);
    // Every import block names a resource of the stack.
    for (const { to } of tf.import!) {
      const [type, name] = to.split(".");
      expect(tf.resource[type!]?.[name!]).toBeDefined();
    }
    // The adopted app keeps its name, and the narrowed consent is what the report said.
    expect(tf.resource.azuread_application!["email_application_2BE22718"]).toMatchObject({ display_name: "esj_office365_imap", sign_in_audience: "AzureADMyOrg" });
    const consent = Object.values(tf.resource.azuread_service_principal_delegated_permission_grant!)[0]!;
    expect(consent.claim_values).toEqual(["EWS.AccessAsUser.All", "IMAP.AccessAsUser.All", "SMTP.Send", "User.Read"]);
  });

  it("bring your own app with existing grants: import blocks for the api-access and grant resources", async () => {
    const out = join(dir, "byo.yaml");
    expect((await runCli([...IMPORT, "--bring-your-own", "--out", out])).code).toBe(0);
    const tf = await synth("byo", readFileSync(out, "utf8"));
    expect(imports(tf)).toEqual([
      ["azuread_application_api_access.email_application_api-access-exchange-online", "/applications/3f1c2b4a-8d7e-4c6b-9a5f-1e2d3c4b5a69/apiAccess/00000002-0000-0ff1-ce00-000000000000"],
      ["azuread_application_api_access.email_application_api-access-microsoft-graph", "/applications/3f1c2b4a-8d7e-4c6b-9a5f-1e2d3c4b5a69/apiAccess/00000003-0000-0000-c000-000000000000"],
      ["azuread_service_principal_delegated_permission_grant.email_application_consent-exchange-online", "/oauth2PermissionGrants/KjtMXY-ee0qMbS4fCpuMfeXUw7Kn9oxLnQ4fKjtMXW4"],
      [
        "azuread_app_role_assignment.email_application_role-microsoft-graph-Mail-ReadWrite",
        "/servicePrincipals/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d/appRoleAssignedTo/KjtMXY-ee0qMbS4fCpuMfW4NnIt6b15NPCsaCRgnNkU",
      ],
      [
        "azuread_app_role_assignment.email_application_role-microsoft-graph-Mail-Send",
        "/servicePrincipals/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d/appRoleAssignedTo/KjtMXY-ee0qMbS4fCpuMfQ8eLTxLWml4h5altMPS4fA",
      ],
    ]);
    expect(tf.resource.azuread_application).toBeUndefined();
  });

  it("existing only adds import blocks: without it, the same config synthesizes the same resources and no import", async () => {
    const out = join(dir, "same.yaml");
    expect((await runCli([...IMPORT, "--out", out])).code).toBe(0);
    const { parse } = require("yaml") as typeof import("yaml");
    const config = parse(readFileSync(out, "utf8"));
    const adopted = await synth("same", config);
    delete config.application.existing;
    const greenfield = await synth("same", config);
    expect(greenfield.import).toBeUndefined();
    // Only the import blocks and CDKTF's note of them ("//".metadata.imports) differ.
    const { import: _imports, ...rest } = adopted;
    const meta = (rest as unknown as { "//": { metadata: Record<string, unknown> } })["//"].metadata;
    expect(Object.keys(meta.imports as object)).toEqual(["azuread_app_role_assignment", "azuread_application", "azuread_service_principal", "azuread_service_principal_delegated_permission_grant"]);
    delete meta.imports;
    expect(rest).toEqual(greenfield);
  });

  it("the examples synthesize without any import block", async () => {
    const tf = await synth("contact-center", readFileSync("examples/contact-center.yaml", "utf8"));
    expect(tf.import).toBeUndefined();
    expect(JSON.stringify(tf)).not.toContain('"import"');
  });
});

describe("synth reads the CLI's clock, as validate does (GE202)", () => {
  const ews = `tenant: { directoryId: 0c5a6b0e-1a2b-4c3d-8e9f-001122334455 }
mailboxes:
  inbound:
    - name: claims
      mailbox: claims@contoso.com
      server: { host: outlook.office365.com, type: EWS }
      password: { env: CLAIMS_PASSWORD }
      testMailbox: true
`;
  it("a warning with the days left before 2027-04-01, an error (nothing written) from that day on", async () => {
    const file = join(dir, "ews.yaml");
    writeFileSync(file, ews);
    const before = await runCli(["synth", file, "--out", join(dir, "ews-out")], { now: new Date("2027-03-31T12:00:00Z") });
    expect(before.code).toBe(0);
    expect(before.stderr).toMatch(/^WARN GE202 mailboxes\.inbound\[0\]\.server\.type EWS against Exchange Online is blocked by default since 2026-10-01 and shut down on 2027-04-01: 1 day remains\./);
    const after = await runCli(["synth", file, "--out", join(dir, "ews-out-2")], { now: new Date("2027-04-01T00:00:00Z") });
    expect(after.code).toBe(1);
    expect(after.stderr).toMatch(/^ERROR GE202 mailboxes\.inbound\[0\]\.server\.type EWS against Exchange Online was shut down on 2027-04-01: this mailbox cannot connect\./);
  });
});

describe("GenesysEmail takes the clock as a prop", () => {
  it("an EWS mailbox on Exchange Online is an error from 2027-04-01 on, a warning before", () => {
    const { App } = require("cdktf") as typeof import("cdktf");
    const { GenesysEmailStack } = require("../../constructs/genesys-email-stack") as typeof import("../../constructs/genesys-email-stack");
    const { parse } = require("yaml") as typeof import("yaml");
    const config = parse(`tenant: { directoryId: 0c5a6b0e-1a2b-4c3d-8e9f-001122334455 }
mailboxes:
  inbound:
    - { name: claims, mailbox: claims@contoso.com, server: { host: outlook.office365.com, type: EWS }, password: { env: CLAIMS_PASSWORD }, testMailbox: true }
`);
    const app = new App({ outdir: join(dir, "clock-app") });
    const stack = new GenesysEmailStack(app, "before", { config, now: new Date("2027-03-31T23:00:00Z") });
    expect(stack.email.validation.warnings.map((f) => f.ruleId)).toEqual(["GE202"]);
    expect(() => new GenesysEmailStack(app, "after", { config, now: new Date("2027-04-01T00:00:00Z") })).toThrow(/GE202 .*was shut down on 2027-04-01/);
  });
});
