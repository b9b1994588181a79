import { TERRAFORM_OUTPUTS } from "../model/terraform-outputs";

/** What `check` takes from `terraform output -json` of the stack: the app's client ID, its secret, the tenant. */
export interface TerraformOutputs {
  readonly clientId?: string;
  /** The sensitive `client_secret` output. Never printed. */
  readonly clientSecret?: string;
  readonly tenantId?: string;
}

export class TerraformOutputsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TerraformOutputsError";
  }
}

/**
 * Parses `terraform output -json` ({ name: { value, type, sensitive } }); plain `{ name: value }` is accepted too.
 * Unknown outputs are ignored. Throws TerraformOutputsError for text that is not such a JSON object
 * (the message never quotes the text: it may hold the secret).
 */
export function parseTerraformOutputs(text: string): TerraformOutputs {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new TerraformOutputsError("is not JSON; expected the output of terraform output -json");
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) throw new TerraformOutputsError("is not a JSON object of outputs; expected the output of terraform output -json");
  const record = data as Record<string, unknown>;
  const value = (name: string): string | undefined => {
    const raw = record[name];
    const v = typeof raw === "object" && raw !== null && "value" in raw ? (raw as { value: unknown }).value : raw;
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "string") throw new TerraformOutputsError(`output ${name} must be a string`);
    return v === "" ? undefined : v;
  };
  const clientId = value(TERRAFORM_OUTPUTS.clientId);
  const clientSecret = value(TERRAFORM_OUTPUTS.clientSecret);
  const tenantId = value(TERRAFORM_OUTPUTS.tenantId);
  return { ...(clientId ? { clientId } : {}), ...(clientSecret ? { clientSecret } : {}), ...(tenantId ? { tenantId } : {}) };
}
