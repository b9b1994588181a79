import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../cli/run-cli";

// GIVEN the hand-made app of test/fixtures/graph (README there): Graph v1.0 responses and the Agent Setup table.
const F = "test/fixtures/graph";
const ALL = [
  "--application", `${F}/app.json`,
  "--service-principal", `${F}/sp.json`,
  "--grants", `${F}/grants.json`,
  "--app-role-assignments", `${F}/roles.json`,
  "--resources", `${F}/resources.json`,
  "--mailboxes", `${F}/mailboxes.csv`,
  "--test-mailbox", "support_test",
];
const dir = mkdtempSync(join(tmpdir(), "ge-import-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("genesys-email import on a hand-made app", () => {
  const out = join(dir, "adopted.yaml");
  let report: string;

  beforeAll(async () => {
    const r = await runCli(["import", ...ALL, "--out", out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      "WARN GE202 mailboxes.inbound[2].server.type EWS against Exchange Online is blocked by default since 2026-10-01 and shut down on 2027-04-01: 121 days remain. (fix: move the mailbox to GRAPH: genesys-email migrate ews-to-graph <file> (server.type: GRAPH, host graph.microsoft.com))\n" +
        `Wrote ${out}.\n`,
    );
    report = r.stdout;
  });

  it("writes a config that validate accepts (warnings only)", async () => {
    const r = await runCli(["validate", out]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n").slice(-2)).toEqual([`${out}: 0 errors, 1 warning`, ""]);
  });

  it("writes the existing objects by their Graph IDs, and comments on what was imported and what is left to decide", () => {
    const text = readFileSync(out, "utf8");
    expect(text).toContain(
      [
        "  existing:",
        "    objectId: 3f1c2b4a-8d7e-4c6b-9a5f-1e2d3c4b5a69",
        "    servicePrincipalObjectId: 5d4c3b2a-9e8f-4a7b-8c6d-2e1f0a9b8c7d",
        "    resourceServicePrincipals:",
        "      00000003-0000-0000-c000-000000000000: a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
        "      00000002-0000-0ff1-ce00-000000000000: b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e",
        "    delegatedGrants:",
        "      00000002-0000-0ff1-ce00-000000000000: KjtMXY-ee0qMbS4fCpuMfeXUw7Kn9oxLnQ4fKjtMXW4",
        "      00000003-0000-0000-c000-000000000000: KjtMXY-ee0qMbS4fCpuMfdTDsqH25XtKjJ0OHyo7TF0",
        "    appRoleAssignments:",
        "      e2a3a72e-5f79-4c64-b1b1-878b674786c9: KjtMXY-ee0qMbS4fCpuMfW4NnIt6b15NPCsaCRgnNkU",
        "      b633e1c5-b582-4048-a93e-9f11b44c7e96: KjtMXY-ee0qMbS4fCpuMfQ8eLTxLWml4h5altMPS4fA",
      ].join("\n"),
    );
    expect(text).toMatch(/^# Imported by genesys-email import from test\/fixtures\/graph\/app.json, /);
    expect(text).toContain("# Still to decide before the first terraform plan (read the adoption report):");
    expect(text).toContain("  # From test/fixtures/graph/sp.json (appOwnerOrganizationId).\n  directoryId: 0c5a6b0e-1a2b-4c3d-8e9f-001122334455");
    expect(text).toContain("    # test/fixtures/graph/mailboxes.csv row 4.\n    # EWS in Exchange Online shuts down on 2027-04-01: genesys-email migrate ews-to-graph moves it to GRAPH.\n    - name: claims");
    expect(text).toContain("      server: { host: outlook.office365.com, port: 993, type: IMAP }\n      auth: oauth2\n      password: { env: SUPPORT_TEST_PASSWORD }\n      testMailbox: true");
    expect(text).toContain("    - name: billing\n      mailbox: billing@contoso.com\n      server: { host: graph.microsoft.com, port: 443, type: GRAPH }\n      auth: oauth2\n");
    expect(text).not.toMatch(/Q~7|secretText/);
  });

  it("reports each permission the plan removes, with why", () => {
    expect(report).toContain(
      [
        "  API permissions removed (no declared mailbox needs them):",
        "    - Microsoft Graph User.Read (delegated): the portal adds it by default; the mailboxes' delegated permissions are under Office 365 Exchange Online (permissionLayout)",
        "    - Office 365 Exchange Online POP.AccessAsUser.All (delegated): no POP3 mailbox uses OAuth 2.0 (Genesys does not support it yet)",
        "  API permissions added:",
        "    none",
      ].join("\n"),
    );
  });

  it("reports the consents narrowed, adopted and left, and the secret that cannot be imported", () => {
    expect(report).toContain("    narrowed in place: Office 365 Exchange Online loses POP.AccessAsUser.All\n");
    expect(report).toContain(
      "    left as it is, not managed (no declared mailbox needs it): Microsoft Graph (User.Read); revoke it by hand if no one else uses it: az rest --method delete --url 'https://graph.microsoft.com/v1.0/oauth2PermissionGrants/KjtMXY-ee0qMbS4fCpuMfdTDsqH25XtKjJ0OHyo7TF0'\n",
    );
    expect(report).toContain("    adopted as it is: Mail.ReadWrite (Microsoft Graph)\n    adopted as it is: Mail.Send (Microsoft Graph)\n");
    expect(report).toContain("A new client secret is created: Terraform's azuread_application_password cannot import an existing one");
    expect(report).toContain("The existing secret genesys-graph (Q~7…, expires 2027-03-14T10:25:41.123Z) keeps working");
    expect(report).toContain("  - The new client secret for the GRAPH mailbox billing (after apply; out of band, never in the case text).");
  });

  it("warns that owners are replaced, and says who is assigned to the app", () => {
    expect(report).toContain(
      [
        "  Owners, protection and who may sign in:",
        "    WARNING: owners become exactly the identity running Terraform (azuread_client_config), on the app registration and its service principal: every other owner is removed. List the ones to keep in application.owners.",
        "    prevent_destroy is set on the app registration and its service principal: no plan can delete them (application.preventDestroy: false turns it off).",
        // sp.json: appRoleAssignmentRequired false; the GRAPH mailbox billing is not assigned
        "    Assignment required is turned on (app_role_assignment_required): Entra issues tokens through this app only to assigned accounts. Created: default access for agents@contoso.com, claims@contoso.com, support-test@contoso.com, support@contoso.com. An account that already has an assignment to the app makes apply fail (Graph refuses a second one): remove that assignment first.",
      ].join("\n"),
    );
  });

  it("lists every import with the azuread provider's import ID", () => {
    expect(report).toContain(
      [
        "Terraform adopts (import blocks; Terraform 1.5 or later):",
        "  azuread_application: app registration esj_office365_imap (/applications/3f1c2b4a-8d7e-4c6b-9a5f-1e2d3c4b5a69)",
        "  azuread_service_principal: its service principal (/servicePrincipals/5d4c3b2a-9e8f-4a7b-8c6d-2e1f0a9b8c7d)",
        "  azuread_service_principal_delegated_permission_grant: admin consent for Office 365 Exchange Online (/oauth2PermissionGrants/KjtMXY-ee0qMbS4fCpuMfeXUw7Kn9oxLnQ4fKjtMXW4)",
        "  azuread_app_role_assignment: admin consent for Mail.ReadWrite (/servicePrincipals/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d/appRoleAssignedTo/KjtMXY-ee0qMbS4fCpuMfW4NnIt6b15NPCsaCRgnNkU)",
        "  azuread_app_role_assignment: admin consent for Mail.Send (/servicePrincipals/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d/appRoleAssignedTo/KjtMXY-ee0qMbS4fCpuMfQ8eLTxLWml4h5altMPS4fA)",
      ].join("\n"),
    );
  });

  it("the JSON report carries the same facts", async () => {
    const r = await runCli(["import", ...ALL, "--format", "json", "--out", join(dir, "json.yaml")]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.removedPermissions.map((p: { resource: string; permission: string }) => `${p.resource} ${p.permission}`)).toEqual([
      "Microsoft Graph User.Read",
      "Office 365 Exchange Online POP.AccessAsUser.All",
    ]);
    expect(json.delegatedConsents.map((c: { action: string; resource: string }) => `${c.action} ${c.resource}`)).toEqual(["narrowed Office 365 Exchange Online", "left Microsoft Graph"]);
  });

  it("never overwrites an existing file without --force, and replaces it with --force", async () => {
    const target = join(dir, "keep.yaml");
    writeFileSync(target, "# mine\n");
    const refused = await runCli(["import", ...ALL, "--out", target]);
    expect(refused).toEqual({ code: 2, stdout: "", stderr: `genesys-email: ${target} already exists; nothing was written (pass --force to replace it).\n` });
    expect(readFileSync(target, "utf8")).toBe("# mine\n");
    const forced = await runCli(["import", ...ALL, "--out", target, "--force"]);
    expect(forced.code).toBe(0);
    expect(readFileSync(target, "utf8")).toContain("existing:");
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("without --out prints the config on stdout and the report on stderr", async () => {
    const r = await runCli(["import", ...ALL]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Imported by genesys-email import/);
    expect(r.stderr).toContain("Adoption report: app registration esj_office365_imap");
  });

  it("--bring-your-own keeps the registration unmanaged and adopts its API permissions", async () => {
    const target = join(dir, "byo.yaml");
    const r = await runCli(["import", ...ALL, "--bring-your-own", "--out", target]);
    expect(r.code).toBe(0);
    expect(readFileSync(target, "utf8")).toContain("  clientId: 7b9e2c4d-1a3f-4e5b-8c6d-9f0a1b2c3d4e\n");
    expect(r.stdout).toContain("  azuread_application_api_access: API permissions for Office 365 Exchange Online (/applications/3f1c2b4a-8d7e-4c6b-9a5f-1e2d3c4b5a69/apiAccess/00000002-0000-0ff1-ce00-000000000000)");
    expect(r.stdout).toContain("  azuread_application_api_access: API permissions for Microsoft Graph (/applications/3f1c2b4a-8d7e-4c6b-9a5f-1e2d3c4b5a69/apiAccess/00000003-0000-0000-c000-000000000000)");
    expect(r.stdout).not.toContain("azuread_application:");
    expect((await runCli(["validate", target])).code).toBe(0);
  });
});

describe("genesys-email import: every bad input is one error naming file, field and fix; exit 2; nothing written", () => {
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const app = () => JSON.parse(readFileSync(`${F}/app.json`, "utf8"));
  const out = join(dir, "never.yaml");
  const cases: Array<{ name: string; args: () => string[]; message: string }> = [
    { name: "an unreadable file", args: () => ["--application", join(dir, "missing.json")], message: `${join(dir, "missing.json")}: no such file (fix: check the path)` },
    {
      name: "not JSON",
      args: () => ["--application", write("notjson.json", "applications: []\n")],
      message: `${join(dir, "notjson.json")}: not JSON: Graph answers with a JSON object, starting with { (fix: save the unchanged output of: az rest --method get --url 'https://graph.microsoft.com/v1.0/applications/<object-id>')`,
    },
    {
      name: "JSON that is not a Graph response",
      args: () => ["--application", write("array.json", "[1,2]")],
      message: `${join(dir, "array.json")}: not a Graph response: a JSON array where an application object is expected (fix: save the unchanged output of: az rest --method get --url 'https://graph.microsoft.com/v1.0/applications/<object-id>')`,
    },
    {
      name: "a collection where an object is expected",
      args: () => ["--application", write("collection.json", JSON.stringify({ "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#applications", value: [app()] }))],
      message: `${join(dir, "collection.json")}: value: a collection (value: [...]) where one application object is expected (fix: read the one object by its ID: az rest --method get --url 'https://graph.microsoft.com/v1.0/applications/<object-id>')`,
    },
    {
      name: "another kind of Graph object",
      args: () => ["--application", `${F}/sp.json`],
      message: `${F}/sp.json: @odata.context: this is a response about \`servicePrincipals\`, not an application (fix: pass each file to its own flag; this one comes from: az rest --method get --url 'https://graph.microsoft.com/v1.0/applications/<object-id>')`,
    },
    {
      name: "a GUID that isn't one",
      args: () => ["--application", write("badguid.json", JSON.stringify({ ...app(), appId: "7b9e2c4d-1a3f-4e5b-8c6d-9f0a1b2c3d4" }))],
      message: `${join(dir, "badguid.json")}: appId: appId must be a GUID; \`7b9e2c4d-1a3f-4e5b-8c6d-9f0a1b2c3d4\` given (fix: save the unchanged output of: az rest --method get --url 'https://graph.microsoft.com/v1.0/applications/<object-id>')`,
    },
    {
      name: "a required field missing",
      args: () => ["--application", write("noaccess.json", JSON.stringify({ ...app(), requiredResourceAccess: undefined }))],
      message: `${join(dir, "noaccess.json")}: requiredResourceAccess: required field requiredResourceAccess is missing: this is not an application as Graph returns it (fix: save the unchanged output of: az rest --method get --url 'https://graph.microsoft.com/v1.0/applications/<object-id>')`,
    },
    {
      name: "an app without the expected resource",
      args: () => ["--application", write("other.json", JSON.stringify({ ...app(), requiredResourceAccess: [{ resourceAppId: "00000003-0000-0ff1-ce00-000000000000", resourceAccess: [{ id: "d13f72ca-a275-4b96-b789-48ebcc4da984", type: "Role" }] }] }))],
      message: `${join(dir, "other.json")}: requiredResourceAccess: the app requests nothing from Office 365 Exchange Online or Microsoft Graph: it is not the app Genesys E-mail Server signs in with (fix: pass the app registration whose API permissions hold the IMAP/POP/SMTP/EWS (or Graph Mail) permissions)`,
    },
    {
      name: "grants of another client",
      args: () => [...ALL.slice(0, 4), "--grants", write("othergrants.json", readFileSync(`${F}/grants.json`, "utf8").replace(/"clientId": "5d4c3b2a-9e8f-4a7b-8c6d-2e1f0a9b8c7d"/, '"clientId": "263a5b01-03e5-408e-8557-bab681df104c"')), "--resources", `${F}/resources.json`],
      message: `${join(dir, "othergrants.json")}: value[0].clientId: grant of client \`263a5b01-03e5-408e-8557-bab681df104c\`, not of this app's service principal \`5d4c3b2a-9e8f-4a7b-8c6d-2e1f0a9b8c7d\` (fix: filter the grants by the app's service principal: oauth2PermissionGrants?$filter=clientId eq '5d4c3b2a-9e8f-4a7b-8c6d-2e1f0a9b8c7d')`,
    },
    {
      name: "a paged collection",
      args: () => [...ALL.slice(0, 4), "--grants", write("paged.json", JSON.stringify({ ...JSON.parse(readFileSync(`${F}/grants.json`, "utf8")), "@odata.nextLink": "https://graph.microsoft.com/v1.0/oauth2PermissionGrants?$skiptoken=X" })), "--resources", `${F}/resources.json`],
      message: `${join(dir, "paged.json")}: @odata.nextLink: Graph returned only the first page of the collection (fix: follow @odata.nextLink and merge the pages' value lists into one file, or add $top=999 to the request)`,
    },
    {
      name: "a CSV with an unknown column",
      args: () => [...ALL.slice(0, 10), "--mailboxes", write("cols.csv", "Mailbox Name,Mailbox,Host,Mailbox Type,Client Type,Password\n"), "--test-mailbox", "x"],
      message: `${join(dir, "cols.csv")}: header, column 6: unknown column \`Password\` (fix: use exactly the columns Mailbox Name, Mailbox, Host, Mailbox Type, Client Type)`,
    },
    {
      name: "a CSV with an unknown type",
      args: () => [...ALL.slice(0, 10), "--mailboxes", write("type.csv", "Mailbox Name,Mailbox,Host,Mailbox Type,Client Type\nsupport,support@contoso.com,outlook.office365.com,MAPI,Inbound\n"), "--test-mailbox", "support"],
      message: `${join(dir, "type.csv")}: row 2, Mailbox Type: unknown type \`MAPI\` (fix: use one of POP3, IMAP, EWS, GRAPH, SMTP)`,
    },
    {
      name: "a CSV missing a column",
      args: () => [...ALL.slice(0, 10), "--mailboxes", write("missing.csv", "Mailbox Name;Mailbox;Host;Mailbox Type\n"), "--test-mailbox", "x"],
      message: `${join(dir, "missing.csv")}: header: column Client Type missing (fix: the first line is the header Mailbox Name,Mailbox,Host,Mailbox Type,Client Type (the columns of Agent Setup, Email Mailboxes))`,
    },
    {
      name: "no test mailbox",
      args: () => ALL.slice(0, -2),
      message: `${F}/mailboxes.csv: --test-mailbox: no test mailbox named: Genesys migrates the test mailbox first, and the config needs exactly one (GE115) (fix: add --test-mailbox NAME with one of: support_test, support, claims, billing, smtp-client)`,
    },
    {
      name: "a mailbox the rules refuse",
      args: () => [...ALL.slice(0, 10), "--mailboxes", write("rules.csv", "Mailbox Name,Mailbox,Host,Mailbox Type,Client Type\nsupport desk,support@contoso.com,outlook.office365.com,IMAP,Inbound\n"), "--test-mailbox", "support desk"],
      message: `${join(dir, "rules.csv")}: row 2: mailboxes.inbound[0].name: GE101 Mailbox Name may use only letters, digits, @, _ and .; \`support desk\` contains \` \`. (fix: rename the mailbox using only letters, digits, @, _ and .)`,
    },
  ];

  it.each(cases)("$name", async ({ args, message }) => {
    const r = await runCli(["import", ...args(), "--out", out]);
    expect(r).toEqual({ code: 2, stdout: "", stderr: `genesys-email: ${message}\nNothing was written.\n` });
    expect(existsSync(out)).toBe(false);
  });
});
