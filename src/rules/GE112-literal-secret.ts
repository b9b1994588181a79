import type { Rule } from "./rule";

const SECRET_FIELDS = new Set([
  "mailboxes.inbound[].password",
  "mailboxes.outbound.password",
  "application.clientSecret",
]);

/**
 * A secret written into the config would end up in Git, in plans and in logs.
 * The value is never echoed: not even its length.
 */
export const literalSecret: Rule = {
  id: "GE112",
  name: "literal-secret",
  severity: "error",
  description: "Secrets are references such as `{ env: NAME }`, never literal values in the config.",
  fix: "move the secret into an environment variable and write { env: NAME_OF_VARIABLE } here",
  source: "genesys-email-iac security model (SECURITY.md): secrets are read only at run time",
  suppressible: false,
  check: () => [],
  fromSchemaIssue: (issue) =>
    SECRET_FIELDS.has(issue.pattern) && issue.value !== undefined && typeof issue.value !== "object"
      ? { path: issue.path, message: "A literal secret is not allowed here; the value was not read into any output." }
      : undefined,
};
