import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Testing } from "cdktf";
import { MIGRATION_REQUEST_OUTPUT } from "../../constructs/migration-request-files";
import { loadConfigFile } from "../../src/config/load";
import type { EmailConfigInput } from "../../src/model/config";
import { migrationRequestFiles } from "../../src/manifest";
import { validate } from "../../src/rules/engine";
import { TENANT, config, graph, imap, smtp, stackOf, synthApp } from "./helpers";

const CLIENT_ID = "5f0c7d9e-3b1a-4e2f-9c8d-7a6b5c4d3e2f";
const example = () => loadConfigFile("examples/contact-center.yaml").data as EmailConfigInput;
const validated = (input: EmailConfigInput) => validate(input).config!;

const FILE = 'file(join("", [path.module, "/migration-request.json"]))';
const PENDING = '\\"clientIdStatus\\": \\"pending-terraform-apply\\",\\n    \\"clientId\\": null,';

/** `${replace(file(...), "<pending lines>", join("", ["<resolved lines before>", EXPR, "<after>"]))}` → EXPR. */
function clientIdExpression(value: string): string {
  const prefix = `\${replace(${FILE}, "${PENDING}", join("", ["\\"clientIdStatus\\": \\"resolved\\",\\n    \\"clientId\\": \\"", `;
  const suffix = ', "\\","]))}';
  if (!value.startsWith(prefix) || !value.endsWith(suffix)) throw new Error(`unexpected output expression: ${value}`);
  return value.slice(prefix.length, -suffix.length);
}

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "genesys-migration-request-"));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe("migration_request output", () => {
  test("the example: migration-request.json beside cdk.tf.json, with the app registration's client_id put in at apply", () => {
    // GIVEN
    const stack = stackOf(example());
    // WHEN
    const output = JSON.parse(Testing.synth(stack, true)).output[MIGRATION_REQUEST_OUTPUT];
    // THEN: the request itself is not in cdk.tf.json; the expression reads the file
    expect(output.sensitive).toBeUndefined();
    expect(clientIdExpression(output.value)).toMatch(/^azuread_application\.[\w-]+\.client_id$/);
    expect(output.value).not.toContain("support_test");
  });

  test("bring your own app: the file already names the client ID, and the output is the file", () => {
    const stack = stackOf(config([imap("support_test")], smtp(), { application: { clientId: CLIENT_ID } }));
    const value = JSON.parse(Testing.synth(stack, true)).output[MIGRATION_REQUEST_OUTPUT].value as string;
    expect(value).toBe(`\${${FILE}}`);
    const json = migrationRequestFiles(validated(config([imap("support_test")], smtp(), { application: { clientId: CLIENT_ID } }))).find((f) => f.name === "migration-request.json")!.content;
    expect(JSON.parse(json).application).toMatchObject({ clientIdStatus: "resolved", clientId: CLIENT_ID, origin: "existing" });
  });

  test("config values that look like HCL, CDKTF tokens or the client ID lines never reach the expression", () => {
    const hostile = 'Sales "VIP" ${azuread_application_password.x.value} %{ if true }x%{ endif } ${TfToken[TOKEN.1]} \\ "clientIdStatus": "pending-terraform-apply",\n    "clientId": null,';
    const input = config([imap("support_test"), imap("support", { designerApplication: hostile })]);
    const value = JSON.parse(Testing.synth(stackOf(input), true)).output[MIGRATION_REQUEST_OUTPUT].value as string;
    expect(clientIdExpression(value)).toMatch(/^azuread_application\.[\w-]+\.client_id$/);
    expect(value).not.toContain("azuread_application_password");
  });

  test("basic auth only: no output", () => {
    const input: EmailConfigInput = { mailboxes: { inbound: [{ name: "legacy", mailbox: "legacy", server: { host: "mail.example.org", type: "IMAP" }, auth: "basic", password: { env: "LEGACY_PASSWORD" } }] } };
    expect(JSON.parse(Testing.synth(stackOf(input), true)).output ?? {}).not.toHaveProperty(MIGRATION_REQUEST_OUTPUT);
  });

  test("no test mailbox (GE115 suppressed): a warning instead of the request", () => {
    const input: EmailConfigInput = {
      tenant: { directoryId: TENANT },
      mailboxes: { inbound: [imap("support")] },
      suppressions: [{ id: "GE115", reason: "the test mailbox lives in another stack" }],
    };
    const stack = stackOf(input);
    const synthesized = JSON.parse(Testing.synth(stack, true));
    expect(synthesized.output).not.toHaveProperty(MIGRATION_REQUEST_OUTPUT);
    const warnings = stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => `${c.node.path}: ${m.data}`));
    expect(warnings).toContain(
      "test/email/migration-request: No migration request was written: Exactly one OAuth 2.0 mailbox must be marked testMailbox: true (Genesys migrates it first); none is marked.",
    );
  });
});

describe("files beside cdk.tf.json", () => {
  test("synthesize(): migration-request.json and .md, pre-migration.md and exchange-setup.ps1 per stack, client ID pending", () => {
    // GIVEN
    const graphOnly = config([graph("billing")]);
    // WHEN
    synthApp({ outDir: join(work, "out"), stacks: [{ name: "contact-center", config: example() }, { name: "graph-only", config: graphOnly }] });
    // THEN
    for (const [name, input] of [["contact-center", example()], ["graph-only", graphOnly]] as const) {
      const dir = join(work, "out", "stacks", name);
      expect(readdirSync(dir).sort()).toEqual(["cdk.tf.json", "exchange-setup.ps1", "migration-request.json", "migration-request.md", "pre-migration.md"]);
      for (const f of migrationRequestFiles(validated(input))) expect(readFileSync(join(dir, f.name), "utf8")).toBe(f.content);
      expect(JSON.parse(readFileSync(join(dir, "migration-request.json"), "utf8")).application).toMatchObject({ clientIdStatus: "pending-terraform-apply", clientId: null });
    }
  });

  test("a stack of environments: names its environment in the request, as manifest --env does", () => {
    // GIVEN
    const input = { ...example(), contactCenter: { name: "Contoso Support" } };
    // WHEN
    synthApp({ outDir: join(work, "out"), stacks: [{ name: "prod", environment: "prod", config: input }, { name: "cc", config: input }] });
    // THEN
    const request = (stack: string) => JSON.parse(readFileSync(join(work, "out", "stacks", stack, "migration-request.json"), "utf8"));
    expect(request("prod").contactCenter).toEqual({ name: "Contoso Support", environment: "prod" });
    expect(request("cc").contactCenter).toEqual({ name: "Contoso Support" });
    expect(readFileSync(join(work, "out", "stacks", "prod", "migration-request.json"), "utf8")).toBe(
      migrationRequestFiles(validated(input), { environment: "prod" }).find((f) => f.name === "migration-request.json")!.content,
    );
  });

  test("no password variable name or value reaches the files", () => {
    const env = { SUPPORT_TEST_MAILBOX_PASSWORD: "canary-pw-1", SUPPORT_MAILBOX_PASSWORD: "canary-pw-2", OUTBOUND_MAILBOX_PASSWORD: "canary-pw-3" };
    Object.assign(process.env, env);
    try {
      synthApp({ outDir: join(work, "out"), stacks: [{ name: "cc", config: example() }] });
      for (const name of ["migration-request.json", "migration-request.md", "pre-migration.md", "exchange-setup.ps1"]) {
        const text = readFileSync(join(work, "out", "stacks", "cc", name), "utf8");
        for (const [k, v] of Object.entries(env)) {
          expect(text).not.toContain(k);
          expect(text).not.toContain(v);
        }
      }
    } finally {
      for (const k of Object.keys(env)) delete process.env[k];
    }
  });

  test("basic auth only: no request files", () => {
    const input: EmailConfigInput = { mailboxes: { inbound: [{ name: "legacy", mailbox: "legacy", server: { host: "mail.example.org", type: "IMAP" }, auth: "basic", password: { env: "LEGACY_PASSWORD" } }] } };
    synthApp({ outDir: join(work, "out"), stacks: [{ name: "basic", config: input }] });
    expect(existsSync(join(work, "out", "stacks", "basic", "migration-request.json"))).toBe(false);
  });
});
