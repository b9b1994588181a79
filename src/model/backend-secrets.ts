import type { BackendType } from "./config";

/**
 * A state-backend setting that holds a credential, and where Terraform reads it instead of from cdk.tf.json.
 * Sources: the CDKTF backend config docs (node_modules/cdktf/lib/backends/*-backend.d.ts, which name each
 * variable) and Terraform's backend docs (developer.hashicorp.com/terraform/language/backend/azurerm, /s3,
 * /remote; /cli/config/config-file "Environment Variable Credentials" for TF_TOKEN_<host>).
 */
export interface BackendSecretSetting {
  /** The setting's path under `backend.config`, as CDKTF names it (camelCase). */
  readonly path: readonly string[];
  /** The environment variable (or other place) Terraform reads the credential from. */
  readonly instead: string;
}

const TF_TOKEN = "TF_TOKEN_<host, dots as underscores> (e.g. TF_TOKEN_app_terraform_io)";

/** Per backend type, every setting that carries a credential. */
const BACKEND_SECRET_SETTINGS: Readonly<Record<BackendType, readonly BackendSecretSetting[]>> = {
  local: [],
  azurerm: [
    { path: ["accessKey"], instead: "ARM_ACCESS_KEY" },
    { path: ["sasToken"], instead: "ARM_SAS_TOKEN" },
    { path: ["clientSecret"], instead: "ARM_CLIENT_SECRET" },
    { path: ["clientCertificatePassword"], instead: "ARM_CLIENT_CERTIFICATE_PASSWORD" },
    { path: ["oidcToken"], instead: "ARM_OIDC_TOKEN" },
    { path: ["oidcRequestToken"], instead: "ARM_OIDC_REQUEST_TOKEN" },
  ],
  s3: [
    { path: ["accessKey"], instead: "AWS_ACCESS_KEY_ID" },
    { path: ["secretKey"], instead: "AWS_SECRET_ACCESS_KEY" },
    { path: ["token"], instead: "AWS_SESSION_TOKEN" },
    { path: ["sseCustomerKey"], instead: "AWS_SSE_CUSTOMER_KEY" },
    { path: ["assumeRoleWithWebIdentity", "webIdentityToken"], instead: "AWS_WEB_IDENTITY_TOKEN_FILE" },
  ],
  remote: [{ path: ["token"], instead: TF_TOKEN }],
  cloud: [{ path: ["token"], instead: TF_TOKEN }],
};

/** `client_secret`, `clientSecret` and `ClientSecret` are one name to Terraform users: compare without case or `_`. */
function settingName(key: string): string {
  return key.replace(/_/g, "").toLowerCase();
}

/**
 * Any other key that names a credential (`password`, `secret`, `token`, `…Key` for access keys), whatever the
 * backend: a setting this table does not know yet is refused rather than written. Paths and files are not secrets.
 */
function looksLikeSecretSetting(key: string): boolean {
  const name = settingName(key);
  if (/(path|file|url|id|arn|name)$/.test(name)) return false;
  return /(password|secret|token|accesskey|secretkey|sastoken|customerkey)$/.test(name);
}

/**
 * Whether the setting at `keys` (a path under `backend.config`) holds a credential: the one answer for the rule that
 * refuses it (GE140) and for `diff`, which never shows its value. Returns the known setting when there is one, so the
 * fix can name its variable.
 */
function backendCredential(type: BackendType, keys: readonly string[]): BackendSecretSetting | "unknown" | undefined {
  const names = keys.map(settingName);
  const known = BACKEND_SECRET_SETTINGS[type].find((s) => s.path.length === names.length && s.path.every((k, i) => settingName(k) === names[i]));
  if (known) return known;
  return keys.length > 0 && looksLikeSecretSetting(keys[keys.length - 1]!) ? "unknown" : undefined;
}

/** A credential found under `backend.config`: its key path, and the known setting (or "unknown" for a look-alike). */
export interface BackendCredentialFound {
  readonly keys: readonly string[];
  readonly setting: BackendSecretSetting | "unknown";
}

/** Every credential-holding setting in a backend's `config`, walking nested settings (objects are walked, leaves judged). */
export function backendCredentials(type: BackendType, config: unknown, prefix: readonly string[] = []): BackendCredentialFound[] {
  if (config === null || typeof config !== "object" || Array.isArray(config)) return [];
  return Object.entries(config as Record<string, unknown>).flatMap(([key, value]): BackendCredentialFound[] => {
    const keys = [...prefix, key];
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return backendCredentials(type, value, keys);
    const setting = backendCredential(type, keys);
    return setting ? [{ keys, setting }] : [];
  });
}
