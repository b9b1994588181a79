import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { buildMigrationRequest, renderGenesysOptions, renderMigrationRequestMarkdown } from "../../src/manifest";
import { CLIENT_ID, EXAMPLE, OUTPUTS, SECRET_CANARY, TENANT, exampleConfig } from "../manifest/helpers";
import { runCli } from "./run-cli";

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "genesys-cli-manifest-"));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(work, name);
  writeFileSync(path, content);
  return path;
}

function outputsWith(change: (o: Record<string, any>) => void): string {
  const outputs = JSON.parse(readFileSync(OUTPUTS, "utf8"));
  change(outputs);
  return file("outputs.json", JSON.stringify(outputs));
}

const PENDING_NOTE =
  "genesys-email: client-id is pending: the stack creates the Entra app. After `terraform apply`, run `terraform output -json > outputs.json`, then `genesys-email manifest examples/contact-center.yaml --tf-outputs outputs.json`.\n";

describe("genesys-email manifest: the finished request", () => {
  test("the example with test/fixtures/outputs.json, --format markdown: the resolved request, nothing on stderr", async () => {
    const result = await runCli(["manifest", EXAMPLE, "--tf-outputs", OUTPUTS, "--format", "markdown"]);
    expect(result).toEqual({
      code: 0,
      stdout: renderMigrationRequestMarkdown(buildMigrationRequest(exampleConfig(), { clientId: CLIENT_ID, tenantId: TENANT })),
      stderr: "",
    });
  });

  test("markdown is the default format", async () => {
    const a = await runCli(["manifest", EXAMPLE, "--tf-outputs", OUTPUTS]);
    const b = await runCli(["manifest", EXAMPLE, "--tf-outputs", OUTPUTS, "--format", "markdown"]);
    expect(a).toEqual(b);
  });

  test("--tf-outputs - reads standard input", async () => {
    const fromFile = await runCli(["manifest", EXAMPLE, "--tf-outputs", OUTPUTS, "--format", "json"]);
    const fromStdin = await runCli(["manifest", EXAMPLE, "--tf-outputs", "-", "--format", "json"], { stdin: readFileSync(OUTPUTS, "utf8") });
    expect(fromStdin).toEqual(fromFile);
    expect(JSON.parse(fromStdin.stdout).application).toMatchObject({ clientIdStatus: "resolved", clientId: CLIENT_ID });
  });

  test("--format json validates against the committed schema", async () => {
    const result = await runCli(["manifest", EXAMPLE, "--tf-outputs", OUTPUTS, "--format", "json"]);
    const validateRequest = new Ajv2020({ strict: true, strictTuples: false }).compile(JSON.parse(readFileSync("schemas/migration-request.schema.json", "utf8")));
    expect(result.code).toBe(0);
    expect(validateRequest(JSON.parse(result.stdout))).toBe(true);
  });

  test("--format genesys-options", async () => {
    const result = await runCli(["manifest", EXAMPLE, "--tf-outputs", OUTPUTS, "--format", "genesys-options"]);
    expect(result).toEqual({ code: 0, stdout: renderGenesysOptions(buildMigrationRequest(exampleConfig(), { clientId: CLIENT_ID })), stderr: "" });
  });

  test("--format powershell: the client ID from the outputs is the $AppId default; --access-policy and --group-name apply", async () => {
    // The example is graphMailboxAccess: tenant-consent, so the default fences the Entra grant with an access policy.
    const byDefault = await runCli(["manifest", EXAMPLE, "--tf-outputs", OUTPUTS, "--format", "powershell"]);
    expect(byDefault.code).toBe(0);
    expect(byDefault.stdout.split("\n")).toContain(`    [string] $AppId = '${CLIENT_ID}',`);
    expect(byDefault.stdout).toContain("New-ApplicationAccessPolicy -AccessRight RestrictAccess");
    expect(byDefault.stdout).not.toContain("New-ManagementRoleAssignment");
    const rbac = await runCli(["manifest", EXAMPLE, "--tf-outputs", OUTPUTS, "--format", "powershell", "--access-policy", "rbac", "--group-name", "Genesys Graph"]);
    expect(rbac.code).toBe(0);
    expect(rbac.stdout).toContain("New-ManagementRoleAssignment");
    expect(rbac.stdout).toContain("# !!! WARNING: WITH THIS CONFIG THE SCOPE BELOW RESTRICTS NOTHING !!!");
    expect(rbac.stdout.split("\n")).toContain("    [string] $GroupName = 'Genesys Graph'");
  });

  test("--format powershell with graphMailboxAccess: exchange-rbac: RBAC by default; an access policy is refused (exit 2)", async () => {
    const config = file("rbac.yaml", readFileSync(EXAMPLE, "utf8").replace("  audience: multi-tenant\n", "  audience: multi-tenant\n  graphMailboxAccess: exchange-rbac\n"));
    const byDefault = await runCli(["manifest", config, "--tf-outputs", OUTPUTS, "--format", "powershell"]);
    expect(byDefault.code).toBe(0);
    expect(byDefault.stdout).toContain("# 5. Grant the app the GRAPH mailboxes, and only them (RBAC for Applications).");
    expect(byDefault.stdout).toContain("Test-ServicePrincipalAuthorization -Identity $AppId -Resource 'billing@contoso.com'");
    const policy = await runCli(["manifest", config, "--tf-outputs", OUTPUTS, "--format", "powershell", "--access-policy", "application-access-policy"]);
    expect(policy).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "genesys-email: --access-policy application-access-policy: An application access policy only restricts a Microsoft Graph permission granted in Entra, and with application.graphMailboxAccess: exchange-rbac there is none: the GRAPH mailboxes get their access from RBAC for Applications role assignments (--access-policy rbac, the default for this config).\n",
    });
  });

  test("--format pre-migration: our checklist, not the request", async () => {
    const result = await runCli(["manifest", EXAMPLE, "--tf-outputs", OUTPUTS, "--format", "pre-migration"]);
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n").slice(0, 3)).toEqual([
      "# Pre-migration checklist: `Contoso Support`, `Production`",
      "",
      "For us, not for Genesys: tick every item before sending migration-request.md to Genesys Customer Care.",
    ]);
    expect(result.stdout).toContain("an Entra **Privileged Role Administrator**");
  });

  test("--format powershell: service_principal_object_id comes from the outputs, never typed by hand", async () => {
    const SP = "0d9c8b7a-6f5e-4d3c-9b2a-1f0e9d8c7b6a";
    const outputs = JSON.parse(readFileSync(OUTPUTS, "utf8"));
    outputs.service_principal_object_id = { sensitive: false, type: "string", value: SP };
    const result = await runCli(["manifest", EXAMPLE, "--tf-outputs", "-", "--format", "powershell", "--access-policy", "rbac"], { stdin: JSON.stringify(outputs) });
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")).toContain(`    [string] $ServicePrincipalObjectId = '${SP}',`);
    // The classic mistake, one level up: an ID that is the client ID is refused.
    outputs.service_principal_object_id.value = CLIENT_ID;
    expect(await runCli(["manifest", EXAMPLE, "--tf-outputs", "-", "--format", "powershell"], { stdin: JSON.stringify(outputs) })).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "genesys-email: standard input names the client ID as service_principal_object_id; expected the object ID of the app's service principal (Enterprise applications), which the stack outputs.\n",
    });
  });

  test("--group-name longer than 64 characters: exit 2 (New-DistributionGroup -Name)", async () => {
    expect(await runCli(["manifest", EXAMPLE, "--format", "powershell", "--group-name", "g".repeat(65)])).toEqual({
      code: 2,
      stdout: "",
      stderr: "genesys-email: --group-name must have 1 to 64 characters (New-DistributionGroup -Name); the one given has 65.\nRun genesys-email manifest --help for usage.\n",
    });
  });

  test("without --tf-outputs: the client ID is pending and stderr says how to finish", async () => {
    const result = await runCli(["manifest", EXAMPLE]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("| client-id | PENDING: known after `terraform apply` |");
    expect(result.stderr).toBe(PENDING_NOTE);
  });

  test("a file with environments: --env picks one; the prod request has the billing GRAPH mailbox", async () => {
    const result = await runCli(["manifest", "examples/environments.yaml", "--env", "prod", "--format", "json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).mailboxes.map((m: { mailboxName: string }) => m.mailboxName)).toEqual(["support_test", "billing", "support", "smtp-client"]);
    expect(JSON.parse(result.stdout).contactCenter).toEqual({ name: "Contoso Support", environment: "prod" });
    expect(result.stderr).toContain("manifest examples/environments.yaml --env prod --tf-outputs outputs.json");
  });

  test("bring your own app without outputs: the configured client ID, no pending note", async () => {
    const config = file("byo.yaml", readFileSync(EXAMPLE, "utf8").replace("  audience: multi-tenant\n", `  audience: multi-tenant\n  clientId: ${CLIENT_ID}\n  clientSecret: { env: GRAPH_CLIENT_SECRET }\n`));
    const result = await runCli(["manifest", config, "--format", "json"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).application).toMatchObject({ clientIdStatus: "resolved", clientId: CLIENT_ID, origin: "existing" });
  });
});

describe("genesys-email manifest never prints a secret", () => {
  test.each(["markdown", "json", "pre-migration", "genesys-options", "powershell"])("--format %s, outputs from a file and from stdin", async (format) => {
    const results = [
      await runCli(["manifest", EXAMPLE, "--tf-outputs", OUTPUTS, "--format", format]),
      await runCli(["manifest", EXAMPLE, "--tf-outputs", "-", "--format", format], { stdin: readFileSync(OUTPUTS, "utf8") }),
    ];
    for (const r of results) {
      expect(r.code).toBe(0);
      expect(r.stdout + r.stderr).not.toContain(SECRET_CANARY);
      expect(r.stdout + r.stderr).not.toContain("cl13nt");
    }
  });

  test("nor when the outputs file is broken right next to the secret", async () => {
    const broken = file("broken.json", readFileSync(OUTPUTS, "utf8").replace(`"${SECRET_CANARY}"`, `"${SECRET_CANARY}" oops`));
    const result = await runCli(["manifest", EXAMPLE, "--tf-outputs", broken]);
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).not.toContain(SECRET_CANARY);
  });
});

describe("genesys-email manifest: exit codes for bad input", () => {
  test("a tf-outputs file that does not exist: exit 2, one line", async () => {
    const result = await runCli(["manifest", EXAMPLE, "--tf-outputs", "test/fixtures/no-such-outputs.json"]);
    expect(result).toEqual({ code: 2, stdout: "", stderr: "genesys-email: test/fixtures/no-such-outputs.json: no such file; expected the output of `terraform output -json`.\n" });
  });

  test("a tf-outputs file that is not JSON: exit 2, one line with the position", async () => {
    const bad = file("bad.json", '{ "client_id": ');
    const result = await runCli(["manifest", EXAMPLE, "--tf-outputs", bad]);
    expect(result).toEqual({ code: 2, stdout: "", stderr: `genesys-email: ${bad} is not valid JSON; expected the output of \`terraform output -json\`.\n` });
  });

  test("outputs without client_id while the stack creates the app (terraform output -json before apply): exit 2", async () => {
    const empty = file("empty.json", "{}\n");
    const result = await runCli(["manifest", EXAMPLE, "--tf-outputs", empty]);
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: `genesys-email: ${empty} has no client_id output: run \`terraform apply\` for this config's stack first, then \`terraform output -json\`.\n`,
    });
  });

  test("tenant_id of another tenant: exit 2 naming both", async () => {
    const other = outputsWith((o) => (o.tenant_id.value = "11111111-2222-3333-4444-555555555555"));
    const result = await runCli(["manifest", EXAMPLE, "--tf-outputs", other]);
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: `genesys-email: ${other}: The Terraform outputs belong to tenant 11111111-2222-3333-4444-555555555555, but tenant.directoryId is ${TENANT}: use the outputs of this config's stack.\n`,
    });
  });

  test("client_id marked sensitive: exit 2, its value not printed", async () => {
    const sensitive = outputsWith((o) => (o.client_id.sensitive = true));
    const result = await runCli(["manifest", EXAMPLE, "--tf-outputs", sensitive]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`genesys-email: ${sensitive} marks output client_id as sensitive; genesys-email never prints sensitive outputs, and client_id is not a secret.\n`);
  });

  test("client_id that is not a GUID: exit 2", async () => {
    const bad = outputsWith((o) => (o.client_id.value = "genesys-email-oauth"));
    const result = await runCli(["manifest", EXAMPLE, "--tf-outputs", bad]);
    expect(result).toEqual({ code: 2, stdout: "", stderr: `genesys-email: ${bad} has an output client_id that is not a GUID.\n` });
  });

  test("a config with errors: exit 1 with the findings, nothing on stdout", async () => {
    const config = file("bad.yaml", readFileSync(EXAMPLE, "utf8").replace("maxSizeMb: 20", "maxSizeMb: 25"));
    const result = await runCli(["manifest", config, "--tf-outputs", OUTPUTS]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^ERROR GE105 mailboxes\.inbound\[2\]\.maxSizeMb /);
    expect(result.stderr).toMatch(/\n {2}at \S*bad\.yaml:30:18\n/);
    expect(result.stderr.endsWith(`${config}: 1 error; fix them before rendering the migration request (genesys-email validate ${config}).\n`)).toBe(true);
  });

  test("a config without any OAuth 2.0 mailbox: exit 1, nothing to migrate", async () => {
    const config = file("basic.yaml", "mailboxes:\n  inbound:\n    - { name: legacy, mailbox: legacy, server: { host: mail.example.org, type: IMAP }, auth: basic, password: { env: LEGACY_PASSWORD } }\n");
    const result = await runCli(["manifest", config]);
    expect(result).toEqual({ code: 1, stdout: "", stderr: `genesys-email: ${config}: No mailbox uses OAuth 2.0 (auth: oauth2), so there is nothing to migrate.\n` });
  });

  test.each([
    ["no config file", ["manifest"], expect.stringMatching(/^genesys-email: manifest takes exactly one config file \(or - for standard input\)\.\n\nUsage: genesys-email manifest /)],
    ["an unknown format", ["manifest", EXAMPLE, "--format", "pdf"], "genesys-email: --format must be one of markdown, json, pre-migration, genesys-options, powershell; `pdf` given.\nRun genesys-email manifest --help for usage.\n"],
    ["an unknown access policy", ["manifest", EXAMPLE, "--access-policy", "none"], "genesys-email: --access-policy must be one of rbac, application-access-policy; `none` given.\nRun genesys-email manifest --help for usage.\n"],
    ["a config file that does not exist", ["manifest", "no-such.yaml"], "genesys-email: no-such.yaml: no such file\n"],
    ["--env on a file without environments", ["manifest", EXAMPLE, "--env", "prod"], `genesys-email: ${EXAMPLE} declares no environments, so --env prod does not apply.\nRun genesys-email manifest --help for usage.\n`],
  ])("%s: exit 2", async (_name, argv, stderr) => {
    expect(await runCli(argv)).toEqual({ code: 2, stdout: "", stderr });
  });

  test("a file with several environments and no --env: exit 2 asking for one", async () => {
    const result = await runCli(["manifest", "examples/environments.yaml"]);
    expect(result).toEqual({ code: 2, stdout: "", stderr: "genesys-email: examples/environments.yaml declares environments dev, stage, prod: pick one with --env NAME.\nRun genesys-email manifest --help for usage.\n" });
  });
});
