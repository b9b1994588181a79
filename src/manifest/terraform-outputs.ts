/**
 * Reading `terraform output -json`: `{ "<name>": { "sensitive": bool, "type": ..., "value": ... } }`.
 * Only the identifiers the request needs are taken; a sensitive output's value is never
 * returned, and no message ever echoes the file's content (a JSON parser's message can).
 */
import { GUID } from "../model/guid";
import { TERRAFORM_OUTPUTS } from "../model/terraform-outputs";

export interface TerraformIdentity {
  /** `client_id`: the Application (client) ID. */
  readonly clientId?: string;
  /** `tenant_id`: the Directory (tenant) ID. */
  readonly tenantId?: string;
  /** `service_principal_object_id`: the app's service principal, for RBAC for Applications. */
  readonly servicePrincipalObjectId?: string;
}

export type TerraformOutputsResult = { readonly ok: true; readonly identity: TerraformIdentity } | { readonly ok: false; readonly problem: string };

/** The identifiers the request reads (never a sensitive output). */
export const TERRAFORM_OUTPUT_NAMES = {
  clientId: TERRAFORM_OUTPUTS.clientId,
  tenantId: TERRAFORM_OUTPUTS.tenantId,
  servicePrincipalObjectId: TERRAFORM_OUTPUTS.servicePrincipalObjectId,
} as const;


function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Parses the text of `terraform output -json` and picks the identifiers; problems are one sentence each. */
export function readTerraformOutputs(text: string): TerraformOutputsResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec(String((error as Error).message))?.[1];
    return { ok: false, problem: `is not valid JSON${position !== undefined ? ` (${lineAndColumn(text, Number(position))})` : ""}; expected the output of \`terraform output -json\`.` };
  }
  if (!isRecord(data)) return { ok: false, problem: "is not a JSON object of outputs; expected the output of `terraform output -json`." };
  const identity: Record<string, string> = {};
  for (const [key, name] of Object.entries(TERRAFORM_OUTPUT_NAMES)) {
    if (!(name in data)) continue;
    const output = data[name];
    if (!isRecord(output) || !("value" in output)) return { ok: false, problem: `has an output ${name} without a value; expected { "sensitive": ..., "type": ..., "value": ... }.` };
    if (output.sensitive === true) return { ok: false, problem: `marks output ${name} as sensitive; genesys-email never prints sensitive outputs, and ${name} is not a secret.` };
    if (typeof output.value !== "string" || !GUID.test(output.value)) return { ok: false, problem: `has an output ${name} that is not a GUID.` };
    identity[key] = output.value;
  }
  const sp = identity.servicePrincipalObjectId;
  if (sp !== undefined && identity.clientId !== undefined && sp.toLowerCase() === identity.clientId.toLowerCase()) {
    return { ok: false, problem: `names the client ID as ${TERRAFORM_OUTPUT_NAMES.servicePrincipalObjectId}; expected the object ID of the app's service principal (Enterprise applications), which the stack outputs.` };
  }
  return { ok: true, identity };
}
