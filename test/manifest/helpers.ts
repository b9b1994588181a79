import { validate } from "../../src/rules/engine";
import type { EmailConfig, EmailConfigInput } from "../../src/model/config";
import { loadConfigFile } from "../../src/config/load";
import { formatFinding } from "../../src/rules/finding";

export const TENANT = "0c5a6b0e-1a2b-4c3d-8e9f-001122334455";
export const CLIENT_ID = "5f0c7d9e-3b1a-4e2f-9c8d-7a6b5c4d3e2f";
/** The sensitive `client_secret` value in test/fixtures/outputs.json. */
export const SECRET_CANARY = "CANARY~cl13nt.s3cret_DO-NOT-LEAK~8Qv";
export const EXAMPLE = "examples/contact-center.yaml";
export const OUTPUTS = "test/fixtures/outputs.json";

/** A config that passed validate() with no errors (the builders' precondition). */
export function validConfig(input: EmailConfigInput): EmailConfig {
  const result = validate(input);
  if (!result.config || result.errors.length > 0) throw new Error(`test config is invalid:\n${result.errors.map(formatFinding).join("\n")}`);
  return result.config;
}

export function exampleConfig(): EmailConfig {
  const result = validate(loadConfigFile(EXAMPLE).data);
  if (!result.config || result.errors.length > 0) throw new Error("the example config is invalid");
  return result.config;
}

export const imap = (name: string, login: string, extra: Record<string, unknown> = {}) => ({
  name,
  mailbox: login,
  server: { host: "outlook.office365.com", type: "IMAP" as const },
  password: { env: `${name.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_PASSWORD` },
  ...extra,
});
export const ews = (name: string, login: string, extra: Record<string, unknown> = {}) => ({
  name,
  mailbox: login,
  server: { host: "outlook.office365.com", type: "EWS" as const },
  password: { env: `${name.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_PASSWORD` },
  ...extra,
});
export const graph = (name: string, login: string, extra: Record<string, unknown> = {}) => ({
  name,
  mailbox: login,
  server: { host: "graph.microsoft.com", type: "GRAPH" as const },
  ...extra,
});
export const smtp = (login: string, extra: Record<string, unknown> = {}) => ({
  mailbox: login,
  fromAddress: login,
  server: { host: "smtp.office365.com", type: "SMTP" as const },
  password: { env: "OUTBOUND_PASSWORD" },
  ...extra,
});
