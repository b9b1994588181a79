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
  migrationRequest: "migration_request",
  /** Read by `manifest` when present (RBAC for Applications needs the service principal's object ID). */
  servicePrincipalObjectId: "service_principal_object_id",
} as const;
