// Builds check configs against the loopback mail stack (test/support/mail-stack, owned by another engineer).
import type { EmailConfigInput } from "../../src/model/config";
import { emailConfigSchema, type EmailConfig } from "../../src/model/config";
import type { MailStack } from "../support/mail-stack";

export type InboundInput = NonNullable<EmailConfigInput["mailboxes"]["inbound"]>[number];
export type OutboundInput = NonNullable<EmailConfigInput["mailboxes"]["outbound"]>;

/** Environment variable name holding a user's password: ALICE_PASSWORD for alice@example.test. */
export function passwordEnv(login: string): string {
  return `${login.split("@")[0]!.replace(/[^A-Za-z0-9]/g, "_").toUpperCase()}_PASSWORD`;
}

export function envFor(stack: MailStack, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = { GRAPH_CLIENT_SECRET: stack.clientSecret, ...extra };
  for (const u of stack.users) env[passwordEnv(u.login)] = u.password;
  env[passwordEnv(stack.noMailboxUser.login)] = stack.noMailboxUser.password;
  return env;
}

export function inbound(name: string, login: string, server: InboundInput["server"], more: Partial<InboundInput> = {}): InboundInput {
  return { name, mailbox: login, server, password: { env: passwordEnv(login) }, ...more };
}

/** A validated-shape config (defaults applied) for the stack's tenant, authority and app. */
export function configFor(stack: MailStack, mailboxes: { inbound?: InboundInput[]; outbound?: OutboundInput }, more: Partial<EmailConfigInput> = {}): EmailConfig {
  return emailConfigSchema.parse({
    tenant: { directoryId: stack.tenantId, authority: stack.authority },
    application: { clientId: stack.clientId, clientSecret: { env: "GRAPH_CLIENT_SECRET" } },
    mailboxes,
    ...more,
  });
}
