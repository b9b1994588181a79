import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MIGRATION_REQUEST_OUTPUT } from "../../constructs/migration-request-files";
import { loadConfigFile } from "../../src/config/load";
import { buildMigrationRequest, renderMigrationRequestJson } from "../../src/manifest";
import type { EmailConfigInput } from "../../src/model/config";
import { validate } from "../../src/rules/engine";
import { config, imap, smtp, synthApp } from "./helpers";

// The migration_request output evaluated by real Terraform: the stack's own expression, with the
// app registration's client_id (azuread cannot be downloaded here) replaced by a variable.
const HAS_TERRAFORM = spawnSync("terraform", ["version"], { encoding: "utf8" }).status === 0;
const CLIENT_ID = "5f0c7d9e-3b1a-4e2f-9c8d-7a6b5c4d3e2f";

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "genesys-request-output-"));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function terraform(dir: string, ...args: string[]): string {
  const r = spawnSync("terraform", args, { cwd: dir, encoding: "utf8", env: { ...process.env, TF_IN_AUTOMATION: "1" } });
  if (r.status !== 0) throw new Error(`terraform ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
}

/** Synthesizes `input`, then applies only its migration_request output in a copy of the stack folder. */
function appliedOutput(input: EmailConfigInput): string {
  synthApp({ outDir: join(work, "out"), stacks: [{ name: "cc", config: input }] });
  const stackDir = join(work, "out", "stacks", "cc");
  const expression = JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")).output[MIGRATION_REQUEST_OUTPUT].value as string;
  const dir = join(work, "tf");
  mkdirSync(dir);
  copyFileSync(join(stackDir, "migration-request.json"), join(dir, "migration-request.json"));
  const main = {
    variable: { client_id: { type: "string" } },
    output: { [MIGRATION_REQUEST_OUTPUT]: { value: expression.replace(/azuread_application\.[\w-]+\.client_id/, "var.client_id") } },
  };
  writeFileSync(join(dir, "main.tf.json"), JSON.stringify(main));
  terraform(dir, "init", "-input=false", "-no-color");
  terraform(dir, "apply", "-auto-approve", "-input=false", "-no-color", `-var=client_id=${CLIENT_ID}`);
  return terraform(dir, "output", "-raw", MIGRATION_REQUEST_OUTPUT);
}

const expected = (input: EmailConfigInput) => renderMigrationRequestJson(buildMigrationRequest(validate(input).config!, { clientId: CLIENT_ID }));

(HAS_TERRAFORM ? describe : describe.skip)("terraform output -raw migration_request (real Terraform, offline)", () => {
  test("the example: byte-identical to genesys-email manifest --format json with the applied client ID", () => {
    const example = loadConfigFile("examples/contact-center.yaml").data as EmailConfigInput;
    expect(appliedOutput(example)).toBe(expected(example));
  });

  test("config values that look like HCL, templates, tokens or the client ID lines come through byte for byte", () => {
    const hostile = 'Sales "VIP" ${azuread_application_password.x.value} %{ if true }x%{ endif } ${TfToken[TOKEN.1]} \\ "clientIdStatus": "pending-terraform-apply",\n    "clientId": null,';
    const input = config([imap("support_test", { testMailbox: true }), imap("support", { designerApplication: hostile })], smtp());
    const output = appliedOutput(input);
    expect(output).toBe(expected(input));
    expect(JSON.parse(output).mailboxes[1].designerApplication).toBe(hostile);
  });
});
