/**
 * The names of the stack's Terraform outputs: written by the constructs, read back from
 * `terraform output -json` by `manifest` and `check`. One table, so the three never drift.
 * (`client_secret` is a name, not a secret: its value exists only in Terraform state.)
 */
export const TERRAFORM_OUTPUTS = {
  clientId: "client_id",
  tenantId: "tenant_id",
  mailboxes: "mailboxes",
  clientSecret: "client_secret",
  /** The `end_date` of the secret in `client_secret` (RFC 3339, not sensitive): `check` warns 30 days before it. */
  clientSecretEndDate: "client_secret_end_date",
  /** The `end_date` of each of the two rotating secret slots (not sensitive). */
  clientSecretAEndDate: "client_secret_a_end_date",
  clientSecretBEndDate: "client_secret_b_end_date",
  migrationRequest: "migration_request",
  /** Read by `manifest` when present (RBAC for Applications needs the service principal's object ID). */
  servicePrincipalObjectId: "service_principal_object_id",
} as const;
