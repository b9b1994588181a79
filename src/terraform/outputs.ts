/**
 * The one reader of `terraform output -json`: `{ "<name>": { "sensitive": bool, "type": ..., "value": ... } }`.
 * Its callers differ in one policy only, given as a parameter: `check` signs in with the app, so it reads the
 * sensitive `client_secret`; `manifest` writes documents, so it never reads a sensitive value at all. Either way
 * the identifiers are GUIDs that are not marked sensitive, and no message ever echoes the text (it may hold the
 * secret; a JSON parser's message can quote it).
 */
import { GUID } from "../model/guid";
import { TERRAFORM_OUTPUTS } from "../model/terraform-outputs";

export interface TerraformOutputValues {
  /** `client_id`: the Application (client) ID. */
  readonly clientId?: string;
  /** `tenant_id`: the Directory (tenant) ID. */
  readonly tenantId?: string;
  /** `service_principal_object_id`: the app's service principal, for RBAC for Applications. */
  readonly servicePrincipalObjectId?: string;
  /** `client_secret` (sensitive): only with `clientSecret: "read"`. Never printed. */
  readonly clientSecret?: string;
}

export interface TerraformOutputsPolicy {
  /**
   * `read`: take the sensitive `client_secret` (check signs in with it).
   * `never`: do not even look at it (manifest: documents never carry a secret).
   */
  readonly clientSecret: "read" | "never";
}

export type TerraformOutputsResult = { readonly ok: true; readonly values: TerraformOutputValues } | { readonly ok: false; readonly problem: string };

/** The identifiers read from the outputs (never sensitive). */
export const TERRAFORM_OUTPUT_NAMES = {
  clientId: TERRAFORM_OUTPUTS.clientId,
  tenantId: TERRAFORM_OUTPUTS.tenantId,
  servicePrincipalObjectId: TERRAFORM_OUTPUTS.servicePrincipalObjectId,
} as const;

const EXPECTED = "expected the output of `terraform output -json`.";

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Parses the text of `terraform output -json` and picks what the policy allows; a problem is one sentence that names no value. */
export function readTerraformOutputs(text: string, policy: TerraformOutputsPolicy): TerraformOutputsResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec(String((error as Error).message))?.[1];
    return { ok: false, problem: `is not valid JSON${position !== undefined ? ` (${lineAndColumn(text, Number(position))})` : ""}; ${EXPECTED}` };
  }
  if (!isRecord(data)) return { ok: false, problem: `is not a JSON object of outputs; ${EXPECTED}` };
  const values: Record<string, string> = {};
  const output = (name: string): { value: unknown; sensitive: unknown } | string | undefined => {
    if (!Object.hasOwn(data as object, name)) return undefined;
    const found = (data as Record<string, unknown>)[name];
    if (!isRecord(found) || !("value" in found)) return `has an output ${name} without a value; expected { "sensitive": ..., "type": ..., "value": ... }.`;
    return { value: found.value, sensitive: found.sensitive };
  };
  for (const [key, name] of Object.entries(TERRAFORM_OUTPUT_NAMES)) {
    const o = output(name);
    if (o === undefined) continue;
    if (typeof o === "string") return { ok: false, problem: o };
    if (o.sensitive === true) return { ok: false, problem: `marks output ${name} as sensitive; genesys-email never prints sensitive outputs, and ${name} is not a secret.` };
    if (typeof o.value !== "string" || !GUID.test(o.value)) return { ok: false, problem: `has an output ${name} that is not a GUID.` };
    values[key] = o.value;
  }
  // The classic mistake, caught where the ID enters: a client ID where the service principal's object ID belongs.
  if (values.servicePrincipalObjectId !== undefined && values.servicePrincipalObjectId.toLowerCase() === values.clientId?.toLowerCase()) {
    return { ok: false, problem: `names the client ID as ${TERRAFORM_OUTPUT_NAMES.servicePrincipalObjectId}; expected the object ID of the app's service principal (Enterprise applications), which the stack outputs.` };
  }
  if (policy.clientSecret === "read") {
    const o = output(TERRAFORM_OUTPUTS.clientSecret);
    if (typeof o === "string") return { ok: false, problem: o };
    if (o !== undefined && o.value !== null && typeof o.value !== "string") return { ok: false, problem: `has an output ${TERRAFORM_OUTPUTS.clientSecret} that is not a string.` };
    if (typeof o?.value === "string" && o.value !== "") values["clientSecret"] = o.value;
  }
  return { ok: true, values };
}
