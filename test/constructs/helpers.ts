import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { Testing, type TerraformStack } from "cdktf";
import "cdktf/lib/testing/adapters/jest";
import type { EmailConfigInput } from "../../src/model/config";
import { GenesysEmailStack } from "../../constructs/genesys-email-stack";
import { testApp } from "../support/test-app";
import { buildApp, type BuildAppOptions } from "../../constructs/app";

Testing.setupJest();

export const TENANT = "0c5a6b0e-1a2b-4c3d-8e9f-001122334455";

type Inbound = NonNullable<EmailConfigInput["mailboxes"]["inbound"]>[number];
type Outbound = NonNullable<EmailConfigInput["mailboxes"]["outbound"]>;

export function imap(name: string, extra: Partial<Inbound> = {}): Inbound {
  return {
    name,
    mailbox: `${name}@contoso.com`,
    server: { host: "outlook.office365.com", port: 993, type: "IMAP" },
    auth: "oauth2",
    password: { env: `${name.toUpperCase()}_PASSWORD` },
    ...extra,
  };
}

export function ews(name: string, extra: Partial<Inbound> = {}): Inbound {
  return imap(name, { server: { host: "outlook.office365.com", type: "EWS" }, ...extra });
}

export function pop3(name: string, extra: Partial<Inbound> = {}): Inbound {
  return imap(name, { server: { host: "outlook.office365.com", port: 995, type: "POP3" }, ...extra });
}

export function graph(name: string, extra: Partial<Inbound> = {}): Inbound {
  const { password: _password, ...rest } = imap(name, { server: { host: "graph.microsoft.com", type: "GRAPH" } });
  return { ...rest, ...extra };
}

export function smtp(extra: Partial<Outbound> = {}): Outbound {
  return {
    mailbox: "agents@contoso.com",
    fromAddress: "agents@contoso.com",
    server: { host: "smtp.office365.com", port: 587, type: "SMTP" },
    auth: "oauth2",
    password: { env: "OUTBOUND_MAILBOX_PASSWORD" },
    ...extra,
  };
}

/** A config around the given mailboxes; the first inbound one is the test mailbox. */
export function config(inbound: Inbound[], outbound?: Outbound, extra: Partial<EmailConfigInput> = {}): EmailConfigInput {
  const [first, ...rest] = inbound;
  return {
    tenant: { directoryId: TENANT },
    mailboxes: { inbound: first ? [{ ...first, testMailbox: true }, ...rest] : [], ...(outbound ? { outbound } : {}) },
    ...extra,
  };
}

export function stackOf(input: EmailConfigInput, name = "test"): GenesysEmailStack {
  return new GenesysEmailStack(testApp(), name, { config: input });
}

/** `Testing.synth` with validations, as a string (for the matchers) and parsed. */
export function synth(input: EmailConfigInput | TerraformStack): { text: string; json: TerraformJson } {
  const stack = "node" in input && typeof (input as TerraformStack).toTerraform === "function" ? (input as TerraformStack) : stackOf(input as EmailConfigInput);
  const text = Testing.synth(stack, true);
  return { text, json: JSON.parse(text) as TerraformJson };
}

export interface TerraformJson {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value: unknown; sensitive?: boolean; description?: string }>;
  provider?: Record<string, Array<Record<string, unknown>>>;
  terraform?: Record<string, unknown>;
}

export function resources(json: TerraformJson, type: string): Array<Record<string, unknown>> {
  return Object.values(json.resource?.[type] ?? {});
}

export function onlyResource(json: TerraformJson, type: string): Record<string, unknown> {
  const all = resources(json, type);
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0]!;
}

/** `required_resource_access` flattened to sorted `resource_app_id id type` lines. */
export function resourceAccessSet(json: TerraformJson): string[] {
  const app = onlyResource(json, "azuread_application");
  const blocks = app.required_resource_access as Array<{ resource_app_id: string; resource_access: Array<{ id: string; type: string }> }>;
  return blocks.flatMap((b) => b.resource_access.map((a) => `${b.resource_app_id} ${a.id} ${a.type}`)).sort();
}

/**
 * Grants as `<resource client ID>: <claim values>`, role assignments as `<resource client ID> <app_role_id>`,
 * where the resource client ID is what the referenced `azuread_service_principal` data source looks up.
 */
export function consents(json: TerraformJson): { grants: string[]; roles: string[] } {
  const grants = resources(json, "azuread_service_principal_delegated_permission_grant")
    .map((g) => `${resourceClientId(json, g.resource_service_principal_object_id)}: ${(g.claim_values as string[]).join(" ")}`)
    .sort();
  const roles = resources(json, "azuread_app_role_assignment")
    .filter((r) => r.app_role_id !== DEFAULT_ACCESS)
    .map((r) => `${resourceClientId(json, r.resource_object_id)} ${String(r.app_role_id)}`)
    .sort();
  return { grants, roles };
}

const DEFAULT_ACCESS = "00000000-0000-0000-0000-000000000000";

/**
 * The accounts assigned to the app (default access on its own service principal), as the user principal names
 * the referenced data `azuread_user` looks up, sorted. Every such assignment must name the default access role
 * and the app's service principal, or this throws.
 */
export function signInAssignments(json: TerraformJson): string[] {
  return resources(json, "azuread_app_role_assignment")
    .filter((r) => r.app_role_id === DEFAULT_ACCESS)
    .map((r) => {
      if (!/^\$\{azuread_service_principal\.[^.]+\.object_id\}$/.test(String(r.resource_object_id))) throw new Error(`unexpected resource ${String(r.resource_object_id)}`);
      const m = /^\$\{data\.azuread_user\.([^.]+)\.object_id\}$/.exec(String(r.principal_object_id));
      const user = m ? json.data?.azuread_user?.[m[1]!] : undefined;
      if (!user) throw new Error(`unexpected principal ${String(r.principal_object_id)}`);
      return String(user.user_principal_name);
    })
    .sort();
}

function resourceClientId(json: TerraformJson, reference: unknown): string {
  const m = /^\$\{data\.azuread_service_principal\.([^.]+)\.object_id\}$/.exec(String(reference));
  const lookup = m ? json.data?.azuread_service_principal?.[m[1]!] : undefined;
  return lookup ? String(lookup.client_id) : `unexpected reference ${String(reference)}`;
}

/** Every annotation (warning, info, error) in the stack, as `level message`. */
/**
 * The stack's annotations, as `<level> <message>`. The warning about the machine's Terraform
 * (missing or unreadable, test/constructs/terraform-version.test.ts) is left out: it depends on the
 * machine the tests run on, not on the config.
 */
export function annotations(stack: TerraformStack): string[] {
  return stack.node
    .findAll()
    .flatMap((c) => c.node.metadata)
    .filter((m) => m.type.startsWith("@cdktf/"))
    .map((m) => `${m.type.replace("@cdktf/", "")} ${String(m.data)}`)
    .filter((a) => !/^warn (.* was not found on the PATH\. Synth does not need it|Could not tell which Terraform )/.test(a));
}

/** `buildApp` + `app.synth()` into `outDir` (created with its parents): the files a CDKTF program writes. */
export function synthApp(options: BuildAppOptions): void {
  mkdirSync(dirname(options.outDir), { recursive: true });
  buildApp(options).app.synth();
}
