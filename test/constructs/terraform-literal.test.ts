import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Lazy, TerraformStack, TerraformVariable, Testing, Token } from "cdktf";
import { GenesysEmailConfigError } from "../../constructs/errors";
import { ExchangeOAuthApplication } from "../../constructs/exchange-oauth-application";
import { GenesysEmailStack } from "../../constructs/genesys-email-stack";
import { MIGRATION_REQUEST_OUTPUT } from "../../constructs/migration-request-files";
import { escapeTemplate } from "../../constructs/private/terraform-literal";
import { buildMigrationRequest, renderMigrationRequestJson } from "../../src/manifest";
import type { EmailConfigInput } from "../../src/model/config";
import { requiredPermissions } from "../../src/permissions/required-permissions";
import { validate } from "../../src/rules/engine";
import { liveTemplateStrings, templateLiteralValue } from "../support/terraform-template";
import { testApp } from "../support/test-app";
import { config, graph, imap, onlyResource, resources, smtp, synth, synthApp, type TerraformJson } from "./helpers";

// Every kind of text Terraform or CDKTF would read as code: interpolations, directives, their escapes, CDKTF's
// string/list/map token syntax (with a key CDKTF knows, and one it does not), a number whose bits encode a
// CDKTF token, CDKTF's map placeholders, quotes, a backslash and a control character.
const registered = Token.asString(Lazy.stringValue({ produce: () => "${var.secret}" }));
const numberToken = String(Token.asNumber(Lazy.numberValue({ produce: () => 42 })));
const HOSTILE = [
  '${file("/proc/self/environ")}',
  "%{ if true }x%{ endif }",
  "$${already} %%{escaped}",
  registered,
  "${TfToken[TOKEN.999999]}",
  "#{TfToken[TOKEN.1]}",
  "&{TfToken[TOKEN.2]}",
  numberToken,
  "Any Map Token Value",
  '"quoted" \\ \u0007',
].join(" | ");

/** The config with `text` in every free-text field: display names, the Designer application, the folder. */
function freeText(text: string, extra: Partial<EmailConfigInput> = {}): EmailConfigInput {
  return config([imap("support", { designerApplication: text }), graph("billing")], smtp(), {
    // the Exchange group for the GRAPH mailboxes is named after the display name unless given (GE129: at most 64)
    application: { displayName: text, graphMailboxGroup: "GRAPH mailboxes" },
    fromAddresses: { folder: text, addresses: [{ name: "agents@contoso.com", displayName: text }] },
    ...extra,
  });
}

function record(json: TerraformJson, name: string): Record<string, unknown> {
  const found = Object.entries(json.resource?.terraform_data ?? {}).find(([id]) => id.includes(name));
  if (!found) throw new Error(`no terraform_data ${name}`);
  return found[1].input as Record<string, unknown>;
}

describe("config text in Terraform JSON is literal", () => {
  test("a config with ${…}/%{…} in every free-text field synthesizes with every such sequence escaped", () => {
    // GIVEN / WHEN
    const { json } = synth(freeText(HOSTILE));

    // THEN: each free-text value is the escaped text, exactly
    const escaped = escapeTemplate(HOSTILE);
    expect(onlyResource(json, "azuread_application").display_name).toBe(escaped);
    expect(record(json, "inbound-support").designerApplication).toBe(escaped);
    expect(record(json, "from-addresses")).toEqual({ folder: escaped, addresses: [{ name: "agents@contoso.com", displayName: escaped }] });
    const mailboxes = json.output?.mailboxes?.value as { inbound: Record<string, { designerApplication?: string }>; fromAddresses: { folder: string; addresses: Array<{ displayName: string }> } };
    expect(mailboxes.inbound.support!.designerApplication).toBe(escaped);
    expect(mailboxes.fromAddresses.folder).toBe(escaped);
    expect(mailboxes.fromAddresses.addresses[0]!.displayName).toBe(escaped);
    // … whose value for Terraform is the config text
    expect(templateLiteralValue(escaped)).toBe(HOSTILE);
    // and the only live templates are the ones the code writes, exactly as for plain text
    expect(liveTemplateStrings(json)).toEqual(liveTemplateStrings(synth(freeText("Contoso Support")).json));
  });

  test("fields that never hold a template sequence fail validation (GE128), and nothing is built", () => {
    const input = config([imap("support", { mailbox: "${path.cwd}@contoso.com", server: { host: "imap.${x}.com", type: "IMAP" } })], smtp({ fromAddress: "%{ if true }a@b.c" }), {
      fromAddresses: { folder: "Email", addresses: [{ name: "${var.x}@contoso.com", displayName: "Support" }] },
    });
    const app = testApp();
    let error: GenesysEmailConfigError | undefined;
    try {
      new GenesysEmailStack(app, "cc", { config: input });
    } catch (e) {
      error = e as GenesysEmailConfigError;
    }
    expect(error).toBeInstanceOf(GenesysEmailConfigError);
    expect(error!.errors.filter((f) => f.ruleId === "GE128").map((f) => f.path).sort()).toEqual([
      "fromAddresses.addresses[0].name",
      "mailboxes.inbound[0].mailbox",
      "mailboxes.inbound[0].server.host",
      "mailboxes.outbound.fromAddress",
    ]);
    expect(app.node.children).toHaveLength(0);
  });

  test("backend settings are read literally by Terraform, so they are written as given, CDKTF token syntax included", () => {
    const path = "state-${x}-${TfToken[TOKEN.0]}-%{y}.tfstate";
    const { json } = synth(freeText("x", { backend: { type: "local", config: { path } } }));
    expect(json.terraform?.backend).toEqual({ local: { path } });
  });

  test("TypeScript props: a display name is text even when it holds a token; an existing app's client ID may be a reference", () => {
    // GIVEN
    const stack = new TerraformStack(testApp(), "s");
    const variable = new TerraformVariable(stack, "app_id", { type: "string" });
    const permissions = requiredPermissions(validate(config([imap("support")])).config!);

    // WHEN
    const reference = variable.stringValue;
    new ExchangeOAuthApplication(stack, "byo", { permissions, existingClientId: reference });
    new ExchangeOAuthApplication(stack, "new", { permissions, displayName: `app ${reference}` });
    const json = JSON.parse(Testing.synth(stack)) as TerraformJson;

    // THEN
    expect(Object.values(json.data?.azuread_application ?? {}).map((d) => d.client_id)).toEqual(["${var.app_id}"]);
    expect(resources(json, "azuread_application").map((a) => a.display_name)).toEqual([`app ${escapeTemplate(reference)}`]);
  });
});

// Real Terraform, offline: the stack's terraform_data records, its outputs (mailboxes, migration_request) and
// the app registration's display name copied into an output, applied with the stack's own local backend.
const HAS_TERRAFORM = spawnSync("terraform", ["version"], { encoding: "utf8" }).status === 0;
const CLIENT_ID = "5f0c7d9e-3b1a-4e2f-9c8d-7a6b5c4d3e2f";

(HAS_TERRAFORM ? describe : describe.skip)("what Terraform makes of it (real Terraform, offline)", () => {
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), "genesys-literal-"));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  function terraform(dir: string, ...args: string[]): string {
    const r = spawnSync("terraform", args, { cwd: dir, encoding: "utf8", env: { ...process.env, TF_IN_AUTOMATION: "1", TF_CLI_CONFIG_FILE: "/dev/null" } });
    if (r.status !== 0) throw new Error(`terraform ${args.join(" ")} failed: ${r.stderr}`);
    return r.stdout;
  }

  test("every free-text value, the mailboxes output, the migration request and the backend path come out as the config has them", () => {
    // GIVEN: a Terraform-evaluable copy of the synthesized stack (azuread cannot be downloaded here)
    const text = HOSTILE.replace("\u0007", "\t");
    const statePath = "state-${x}-${TfToken[TOKEN.0]}.tfstate";
    const input = freeText(text, { backend: { type: "local", config: { path: statePath } } });
    synthApp({ outDir: join(work, "out"), stacks: [{ name: "cc", config: input }] });
    const stackDir = join(work, "out", "stacks", "cc");
    const stack = JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")) as TerraformJson;
    const dir = join(work, "tf");
    mkdirSync(dir);
    copyFileSync(join(stackDir, "migration-request.json"), join(dir, "migration-request.json"));
    const request = stack.output![MIGRATION_REQUEST_OUTPUT]!.value as string;
    writeFileSync(
      join(dir, "main.tf.json"),
      JSON.stringify({
        terraform: { backend: stack.terraform!.backend },
        variable: { client_id: { type: "string" } },
        resource: { terraform_data: stack.resource!.terraform_data },
        output: {
          mailboxes: stack.output!.mailboxes,
          display_name: { value: onlyResource(stack, "azuread_application").display_name },
          [MIGRATION_REQUEST_OUTPUT]: { value: request.replace(/azuread_application\.[\w-]+\.client_id/, "var.client_id") },
        },
      }),
    );

    // WHEN
    terraform(dir, "init", "-input=false", "-no-color");
    terraform(dir, "apply", "-auto-approve", "-input=false", "-no-color", `-var=client_id=${CLIENT_ID}`);
    const outputs = JSON.parse(terraform(dir, "output", "-json")) as Record<string, { value: unknown }>;
    const state = JSON.parse(terraform(dir, "show", "-json")) as { values: { root_module: { resources: Array<{ name: string; values: { input: Record<string, unknown> } }> } } };

    // THEN
    const validated = validate(input).config!;
    expect(outputs.display_name!.value).toBe(text);
    const mailboxes = outputs.mailboxes!.value as { inbound: Record<string, { designerApplication?: string }>; fromAddresses: { folder: string; addresses: Array<{ displayName: string }> } };
    expect(mailboxes.inbound.support!.designerApplication).toBe(text);
    expect(mailboxes.fromAddresses.folder).toBe(text);
    expect(mailboxes.fromAddresses.addresses[0]!.displayName).toBe(text);
    const inputs = Object.fromEntries(state.values.root_module.resources.map((r) => [r.name, r.values.input]));
    expect(Object.entries(inputs).find(([name]) => name.includes("inbound-support"))![1].designerApplication).toBe(text);
    expect(Object.entries(inputs).find(([name]) => name.includes("from-addresses"))![1]).toEqual({ folder: text, addresses: [{ name: "agents@contoso.com", displayName: text }] });
    expect(outputs[MIGRATION_REQUEST_OUTPUT]!.value).toBe(renderMigrationRequestJson(buildMigrationRequest(validated, { clientId: CLIENT_ID })));
    expect(existsSync(join(dir, statePath))).toBe(true);
  });
});
