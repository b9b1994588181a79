import type { PermissionLayout } from "../model/config";
import { mailboxScope } from "../model/scopes";
import { MICROSOFT_GRAPH } from "../model/catalog";
import type { MailboxEntry, MigrationRequest } from "./model";

/**
 * The request as Genesys E-mail Server options, for on-premises administrators: one
 * `pop-client` section per inbound mailbox and the `smtp-client` section, with the option
 * names from the on-premises reference (shared/spec/microsoft-facts.md, "Genesys E-mail
 * Server option names"). Names and values that reference does not confirm are preceded by
 * an `# unverified:` comment. Passwords and secrets are placeholders.
 */

export const PASSWORD_PLACEHOLDER = "<delivered out of band>";
export const CLIENT_SECRET_PLACEHOLDER = "<application client secret, delivered out of band>";
const PENDING = "<pending: terraform output -raw client_id>";

type Line = string | { readonly unverified: string; readonly line: string };

function option(name: string, value: string | number | boolean): string {
  return `${name} = ${oneLine(String(value))}`;
}

/** Option values are single lines; a control character in a value is shown as an escape. */
function oneLine(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function javaMailProtocol(type: MailboxEntry["type"]): string | undefined {
  return type === "IMAP" ? "imap" : type === "POP3" ? "pop3" : type === "SMTP" ? "smtp" : undefined;
}

function oauthLines(request: MigrationRequest, m: MailboxEntry): Line[] {
  const lines: Line[] = [
    option("client-id", request.application.clientId ?? PENDING),
    option("directory-id", request.tenant.directoryId),
  ];
  if (request.tenant.tenantAuthority !== undefined) lines.push(option("tenant-authority", request.tenant.tenantAuthority));
  // The one scope table (src/model/scopes.ts): `check` requests exactly this scope for the mailbox.
  const { scope, cloud } = mailboxScope({ authority: request.tenant.tenantAuthority, layout: layoutOf(request, m.type), protocol: m.type, host: m.host });
  if (cloud === undefined) {
    lines.push({ unverified: `no known scope for tenant-authority ${oneLine(request.tenant.tenantAuthority ?? "")}; in the global cloud it is ${scope}`, line: option("scope", "<scope>") });
  } else if (!cloud.verified) {
    lines.push({ unverified: `${cloud.name} scope (community source)`, line: option("scope", scope) });
  } else {
    lines.push(option("scope", scope));
  }
  if (m.grantType === "client_credentials") lines.push(option("grant-type", "client_credentials"));
  const protocol = javaMailProtocol(m.type);
  if (protocol !== undefined) {
    lines.push(option(`mail.${protocol}.auth.mechanisms`, "XOAUTH2"));
    if (m.tls === "implicit" && m.direction === "inbound") {
      lines.push({ unverified: `if E-mail Server opens the mailbox as ${protocol}s, JavaMail reads mail.${protocol}s.* instead`, line: option(`mail.${protocol}s.auth.mechanisms`, "XOAUTH2") });
    }
  }
  return lines;
}

/** Where the app's delegated permission for this protocol is listed: under Microsoft Graph, or (the vendor's layout) Exchange Online. */
function layoutOf(request: MigrationRequest, type: MailboxEntry["type"]): PermissionLayout {
  const underGraph = request.application.permissions.some((p) => p.type === "delegated" && p.resourceAppId === MICROSOFT_GRAPH.appId && p.requiredBy.includes(type));
  return underGraph ? "microsoft-graph" : "exchange-online";
}

function inboundSection(request: MigrationRequest, m: Extract<MailboxEntry, { direction: "inbound" }>): Line[] {
  const lines: Line[] = [
    "[pop-client]",
    { unverified: "option name and values of the mailbox type", line: option("type", m.type) },
    option("server", m.host),
    option("port", m.port),
    option("mailbox", m.login),
    option("password", m.grantType === "client_credentials" ? CLIENT_SECRET_PLACEHOLDER : PASSWORD_PLACEHOLDER),
  ];
  // EWS and GRAPH are HTTPS endpoints; enable-ssl is the IMAP/POP3 switch.
  if (m.type === "IMAP" || m.type === "POP3") lines.push(option("enable-ssl", m.tls === "implicit"));
  if (m.tls === "starttls" && javaMailProtocol(m.type)) {
    lines.push(option(`mail.${javaMailProtocol(m.type)}.starttls.enable`, true), option(`mail.${javaMailProtocol(m.type)}.starttls.required`, true));
  }
  lines.push(...oauthLines(request, m));
  lines.push({ unverified: "section and unit of the incoming size limit", line: option("maximum-msg-size", m.maxSizeMb) });
  return lines;
}

function outboundSection(request: MigrationRequest, m: Extract<MailboxEntry, { direction: "outbound" }>): Line[] {
  return [
    "[smtp-client]",
    option("server", m.host),
    option("port", m.port),
    option("user", m.login),
    option("password", PASSWORD_PLACEHOLDER),
    option("enable-authentication", true),
    { unverified: "values of smtp-connection-security", line: option("smtp-connection-security", m.tls === "implicit" ? "ssl" : "starttls") },
    ...oauthLines(request, m),
  ];
}

function render(lines: readonly Line[]): string[] {
  return lines.flatMap((l) => (typeof l === "string" ? [l] : [`# unverified: ${l.unverified}`, l.line]));
}

/** Every mailbox of the request as E-mail Server options, the test mailbox first. Deterministic. */
export function renderGenesysOptions(request: MigrationRequest): string {
  const out: string[] = [
    "# Genesys E-mail Server options for the OAuth 2.0 mailboxes (generated by genesys-email-iac).",
    "# One pop-client section per inbound mailbox; name the sections as your E-mail Server application expects.",
    "# Passwords and the client secret are placeholders: they are delivered out of band, never written here.",
  ];
  if (request.application.clientId === null) out.push("# client-id is pending until `terraform apply`; render again with --tf-outputs.");
  for (const m of request.mailboxes) {
    const label = `${m.mailboxName}${m.testMailbox === "yes" ? " (test mailbox)" : ""}`;
    out.push("", `# Mailbox Name: ${oneLine(label)}, ${m.type}`);
    out.push(...render(m.direction === "inbound" ? inboundSection(request, m) : outboundSection(request, m)));
  }
  return `${out.join("\n")}\n`;
}
