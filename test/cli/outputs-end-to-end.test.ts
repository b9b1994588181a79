import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildApp } from "../../constructs/app";
import { loadConfigFile } from "../../src/config/load";
import { TERRAFORM_OUTPUT_NAMES } from "../../src/terraform/outputs";
import { CLIENT_ID, EXAMPLE, SECRET_CANARY, TENANT } from "../manifest/helpers";
import { runCli, TEST_NOW } from "./run-cli";

const SP = "0d9c8b7a-6f5e-4d3c-9b2a-1f0e9d8c7b6a";

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "genesys-outputs-e2e-"));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** What `terraform apply` would leave for each output the stack declares, by name. */
const APPLIED: Readonly<Record<string, unknown>> = {
  client_id: CLIENT_ID,
  tenant_id: TENANT,
  service_principal_object_id: SP,
  client_secret: SECRET_CANARY,
};

/**
 * `terraform output -json` for the synthesized stack, in Terraform's documented format
 * (developer.hashicorp.com/terraform/cli/commands/output: `{ "<name>": { "sensitive", "type", "value" } }`):
 * one entry per output of cdk.tf.json, sensitive exactly where the stack says so.
 */
function terraformOutputJson(stackJson: { output: Record<string, { sensitive?: boolean }> }): string {
  const result: Record<string, unknown> = {};
  for (const [name, output] of Object.entries(stackJson.output)) {
    const value = APPLIED[name] ?? {};
    result[name] = { sensitive: output.sensitive === true, type: typeof value === "string" ? "string" : ["object", {}], value };
  }
  return JSON.stringify(result, null, 2);
}

describe("synth -> terraform output -json -> manifest: no ID is copied by hand", () => {
  test("the stack emits every output the reader takes, and exchange-setup.ps1 gets the service principal's object ID from it", async () => {
    // GIVEN: the example synthesized as `genesys-email synth` does
    buildApp({ outDir: work, stacks: [{ name: "contact-center", config: loadConfigFile(EXAMPLE).data as never, now: TEST_NOW }] }).app.synth();
    const stackJson = JSON.parse(readFileSync(join(work, "stacks", "contact-center", "cdk.tf.json"), "utf8"));

    // THEN: every identifier the reader looks for is an output of the stack, none of them sensitive
    for (const name of Object.values(TERRAFORM_OUTPUT_NAMES)) expect(stackJson.output[name]).toEqual(expect.not.objectContaining({ sensitive: true }));
    expect(stackJson.output.client_secret.sensitive).toBe(true);

    // WHEN: the outputs after apply feed the manifest
    const outputs = terraformOutputJson(stackJson);
    const script = await runCli(["manifest", EXAMPLE, "--tf-outputs", "-", "--format", "powershell", "--access-policy", "rbac"], { stdin: outputs });
    const json = await runCli(["manifest", EXAMPLE, "--tf-outputs", "-", "--format", "json"], { stdin: outputs });

    // THEN
    expect(script.code).toBe(0);
    expect(script.stdout.split("\n")).toContain(`    [string] $ServicePrincipalObjectId = '${SP}',`);
    expect(script.stdout.split("\n")).toContain(`    [string] $AppId = '${CLIENT_ID}',`);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).application).toEqual(expect.objectContaining({ clientIdStatus: "resolved", clientId: CLIENT_ID }));
    // the person applying is told the Entra role this config needs (GRAPH with tenant-consent: app roles)
    const checklist = await runCli(["manifest", EXAMPLE, "--tf-outputs", "-", "--format", "pre-migration"], { stdin: outputs });
    expect(checklist.stdout).toContain("an Entra **Privileged Role Administrator**");
    for (const r of [script, json, checklist]) expect(r.stdout + r.stderr).not.toContain(SECRET_CANARY);
  });
});
