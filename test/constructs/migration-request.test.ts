import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Testing } from "cdktf";
import { MIGRATION_REQUEST_OUTPUT } from "../../constructs/migration-request-files";
import { synthesize } from "../../constructs/synthesize";
import { loadConfigFile } from "../../src/config/load";
import type { EmailConfigInput } from "../../src/model/config";
import { buildMigrationRequest, migrationRequestFiles, renderMigrationRequestJson } from "../../src/manifest";
import { validate } from "../../src/rules/engine";
import { TENANT, config, graph, imap, smtp, stackOf } from "./helpers";

const CLIENT_ID = "5f0c7d9e-3b1a-4e2f-9c8d-7a6b5c4d3e2f";
const example = () => loadConfigFile("examples/contact-center.yaml").data as EmailConfigInput;
const validated = (input: EmailConfigInput) => validate(input).config!;

/** `${replace(base64decode("B64"), "PLACEHOLDER", EXPR)}` → its parts. */
function parseOutput(value: string): { json: string; placeholder: string; clientIdExpression: string } {
  const m = /^\$\{replace\(base64decode\("([A-Za-z0-9+/=]+)"\), "([0-9a-f-]{36})", (.+)\)\}$/.exec(value);
  if (!m) throw new Error(`unexpected output expression: ${value.slice(0, 120)}`);
  return { json: Buffer.from(m[1]!, "base64").toString("utf8"), placeholder: m[2]!, clientIdExpression: m[3]! };
}

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "genesys-migration-request-"));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe("migration_request output", () => {
  test("the example: the request JSON with the app registration's client_id substituted at apply", () => {
    // GIVEN
    const stack = stackOf(example());
    // WHEN
    const output = JSON.parse(Testing.synth(stack, true)).output[MIGRATION_REQUEST_OUTPUT];
    // THEN
    expect(output.sensitive).toBeUndefined();
    const { json, placeholder, clientIdExpression } = parseOutput(output.value);
    expect(clientIdExpression).toMatch(/^azuread_application\.[\w-]+\.client_id$/);
    expect(json.replace(placeholder, CLIENT_ID)).toBe(renderMigrationRequestJson(buildMigrationRequest(validated(example()), { clientId: CLIENT_ID })));
  });

  test("bring your own app: the configured client ID is substituted", () => {
    const stack = stackOf(config([imap("support_test")], smtp(), { application: { clientId: CLIENT_ID } }));
    const value = JSON.parse(Testing.synth(stack, true)).output[MIGRATION_REQUEST_OUTPUT].value as string;
    const m = /^\$\{base64decode\("([A-Za-z0-9+/=]+)"\)\}$/.exec(value);
    expect(m).not.toBeNull();
    const json = Buffer.from(m![1]!, "base64").toString("utf8");
    expect(JSON.parse(json).application).toMatchObject({ clientIdStatus: "resolved", clientId: CLIENT_ID, origin: "existing" });
  });

  test("config values that look like HCL or CDKTF tokens reach the output byte for byte, never as expressions", () => {
    const hostile = 'Sales "VIP" ${azuread_application_password.x.value} %{ if true }x%{ endif } ${TfToken[TOKEN.1]} \\';
    const input = config([imap("support_test"), imap("support", { designerApplication: hostile })]);
    const value = JSON.parse(Testing.synth(stackOf(input), true)).output[MIGRATION_REQUEST_OUTPUT].value as string;
    const { json } = parseOutput(value);
    expect(JSON.parse(json).mailboxes[1].designerApplication).toBe(hostile);
    expect(value).not.toContain("azuread_application_password");
  });

  test("the placeholder is a GUID that occurs nowhere else in the request", () => {
    const zero = "00000000-0000-0000-0000-000000000000";
    const input = config([imap("support_test", { designerApplication: zero })]);
    const { json, placeholder } = parseOutput(JSON.parse(Testing.synth(stackOf(input), true)).output[MIGRATION_REQUEST_OUTPUT].value);
    expect(placeholder).toBe("00000000-0000-0000-0000-000000000001");
    expect(json.split(placeholder)).toHaveLength(2);
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
  test("synthesize(): migration-request.json, migration-request.md and exchange-setup.ps1 per stack, client ID pending", () => {
    // GIVEN
    const graphOnly = config([graph("billing")]);
    // WHEN
    synthesize({ outDir: join(work, "out"), stacks: [{ name: "contact-center", config: example() }, { name: "graph-only", config: graphOnly }] });
    // THEN
    for (const [name, input] of [["contact-center", example()], ["graph-only", graphOnly]] as const) {
      const dir = join(work, "out", "stacks", name);
      expect(readdirSync(dir).sort()).toEqual(["cdk.tf.json", "exchange-setup.ps1", "migration-request.json", "migration-request.md"]);
      for (const f of migrationRequestFiles(validated(input))) expect(readFileSync(join(dir, f.name), "utf8")).toBe(f.content);
      expect(JSON.parse(readFileSync(join(dir, "migration-request.json"), "utf8")).application).toMatchObject({ clientIdStatus: "pending-terraform-apply", clientId: null });
    }
  });

  test("no password variable name or value reaches the files", () => {
    const env = { SUPPORT_TEST_MAILBOX_PASSWORD: "canary-pw-1", SUPPORT_MAILBOX_PASSWORD: "canary-pw-2", OUTBOUND_MAILBOX_PASSWORD: "canary-pw-3" };
    Object.assign(process.env, env);
    try {
      synthesize({ outDir: join(work, "out"), stacks: [{ name: "cc", config: example() }] });
      for (const name of ["migration-request.json", "migration-request.md", "exchange-setup.ps1"]) {
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
    synthesize({ outDir: join(work, "out"), stacks: [{ name: "basic", config: input }] });
    expect(existsSync(join(work, "out", "stacks", "basic", "migration-request.json"))).toBe(false);
  });
});
