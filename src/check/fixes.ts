import type { ServerType } from "../model/config";

/**
 * The fixes table: every failure the check can report, by a stable code, with the fix in the words of
 * this setup (config fields, Terraform, Exchange Online PowerShell). One place, so it is unit-testable
 * and the README table is generated from the same words.
 */
export interface FixContext {
  /** Mailbox Name. */
  readonly name: string;
  /** Login of the account (UPN for OAuth 2.0). */
  readonly login: string;
  readonly protocol: ServerType;
  readonly auth: "oauth2" | "basic";
  readonly host: string;
  readonly port: number;
  readonly tls: "implicit" | "starttls";
  /** Whether server.tls is given (otherwise the mode follows the port). */
  readonly tlsGiven?: boolean;
  /** Environment variable that holds the mailbox password. */
  readonly passwordEnv?: string;
  /** Where the client secret came from: an environment variable's name, or the Terraform outputs. */
  readonly clientSecretSource?: string;
  readonly caFile?: string;
  /** How GRAPH mailbox access is granted (application.graphMailboxAccess). */
  readonly graphMailboxAccess?: "tenant-consent" | "exchange-rbac";
  readonly timeoutSeconds: number;
  /** For TOKEN_WRONG_USER: the user the token names. */
  readonly tokenUser?: string;
  /** For TOKEN_WRONG_AUDIENCE: the audience the token names. */
  readonly tokenAudience?: string;
  /**
   * The config field that names the endpoint that failed, when it is not the mailbox's server: `tenant.authority`
   * for the token endpoint (host and port are then the authority's).
   */
  readonly endpointField?: string;
  /** The HTTPS proxy (`http://host:port`, never its credentials) when it is what failed. */
  readonly proxy?: string;
  /** For UNSAFE_VALUE: the value that holds a line break or NUL (never the value itself). */
  readonly field?: string;
  /** For SIZE_LIMIT: the server's limit and the configured one, in MB. */
  readonly serverLimitMb?: number;
  readonly maxSizeMb?: number;
}

type FixText = (c: FixContext) => string;

const quoteSecret = (c: FixContext) => (c.clientSecretSource ? ` (read from ${c.clientSecretSource})` : "");
const passwordIn = (c: FixContext) => (c.passwordEnv ? `check the password in ${c.passwordEnv}` : "check the mailbox password");

/** `Set-CASMailbox` switch that enables each protocol for a mailbox. */
export const ENABLE_PROTOCOL: Readonly<Record<Exclude<ServerType, "GRAPH">, { what: string; param: string }>> = {
  IMAP: { what: "IMAP", param: "-ImapEnabled $true" },
  POP3: { what: "POP3", param: "-PopEnabled $true" },
  SMTP: { what: "SMTP AUTH", param: "-SmtpClientAuthenticationDisabled $false" },
  EWS: { what: "EWS", param: "-EwsEnabled $true" },
};

export function enableProtocolFix(protocol: ServerType, login: string): string {
  if (protocol === "GRAPH") return "grant the app access to the mailbox";
  const { what, param } = ENABLE_PROTOCOL[protocol];
  return `enable ${what} for the mailbox: Set-CASMailbox -Identity ${login} ${param}`;
}

/** Entra sign-in errors (AADSTS codes), the ones the password and client-credentials flows meet. */
export const AADSTS_FIXES: Readonly<Record<string, { readonly summary: string; readonly fix: FixText }>> = {
  "50076": { summary: "multi-factor authentication is required", fix: () => "turn off MFA for this mailbox: legacy protocols use the password flow" },
  "50079": { summary: "the account must enrol in multi-factor authentication", fix: () => "turn off MFA for this mailbox: legacy protocols use the password flow" },
  "53003": { summary: "blocked by a Conditional Access policy", fix: (c) => `exclude ${c.login} (or this app) from the Conditional Access policy that blocks it: legacy protocols use the password flow` },
  "65001": { summary: "no consent for the app's permissions", fix: () => "apply the Terraform stack so admin consent is granted" },
  "7000218": { summary: "the app does not allow public client flows", fix: () => "enable public client flows (fallback_public_client_enabled): apply the Terraform stack, which sets it" },
  "50126": { summary: "invalid username or password", fix: (c) => `wrong password: ${passwordIn(c)}` },
  "50034": { summary: "the account does not exist in the directory", fix: (c) => `check mailbox: ${c.login} must be the user principal name of an account in tenant.directoryId` },
  "50053": { summary: "the account is locked after too many failed sign-ins", fix: (c) => `wait for the lockout to end, then ${passwordIn(c)}` },
  "50055": { summary: "the password has expired", fix: (c) => `set a new password for ${c.login}${c.passwordEnv ? ` and store it in ${c.passwordEnv}` : ""}; a service account's password should not expire` },
  "50057": { summary: "the account is disabled", fix: (c) => `enable sign-in for ${c.login} in Entra (Account enabled: Yes)` },
  "7000215": { summary: "invalid client secret", fix: (c) => `bad client secret${quoteSecret(c)}: use the value of the Terraform output client_secret (the secret's value, not its ID)` },
  "7000222": { summary: "the client secret has expired", fix: () => "the client secret has expired: apply the Terraform stack to create a new one, then use the new client_secret output" },
  "700016": { summary: "the application was not found in the directory", fix: () => "app not found in directory: check application.clientId (or the Terraform output client_id) and tenant.directoryId; apply the Terraform stack if the app was never created" },
  "90002": { summary: "the tenant was not found", fix: () => "check tenant.directoryId and tenant.authority: the tenant does not exist in this cloud" },
  "70011": { summary: "the requested scope is not valid", fix: () => "the app cannot request this scope: apply the Terraform stack so the app registration has the permission" },
  "500011": { summary: "the resource (Exchange Online or Graph) is not in the tenant", fix: () => "the tenant has no Exchange Online / Microsoft Graph service principal: check tenant.directoryId and the cloud in tenant.authority" },
  "7000112": { summary: "the application is disabled", fix: () => "enable the app registration's service principal (Enterprise applications → Enabled for users to sign in)" },
};

/** Every other failure code. */
export const FIXES: Readonly<Record<string, { readonly summary: string; readonly fix: FixText }>> = {
  MISSING_PASSWORD: { summary: "the password variable is not set", fix: (c) => `set the environment variable ${c.passwordEnv ?? "(none configured)"} to the password of ${c.login}` },
  MISSING_CLIENT_ID: { summary: "no client ID", fix: () => "set application.clientId, or pass --tf-outputs with the output of terraform output -json (client_id)" },
  MISSING_CLIENT_SECRET: {
    summary: "no client secret",
    fix: (c) => (c.clientSecretSource ? `set the environment variable ${c.clientSecretSource}, or pass --tf-outputs with the sensitive client_secret output` : "set application.clientSecret: { env: NAME }, or pass --tf-outputs with the sensitive client_secret output"),
  },
  MISSING_DIRECTORY_ID: { summary: "no directory ID", fix: () => "set tenant.directoryId (or pass --tf-outputs with tenant_id)" },
  AADSTS: { summary: "Entra refused the token request", fix: () => "look the AADSTS code up at https://login.microsoftonline.com/error and fix the account or app registration" },
  TOKEN_ENDPOINT: { summary: "the token endpoint could not be used", fix: () => "check tenant.authority and tenant.directoryId, and that this machine can reach the authority over HTTPS" },
  AUTH_REJECTED: { summary: "the server refused a valid token", fix: (c) => enableProtocolFix(c.protocol, c.login) },
  AUTH_REJECTED_BASIC: {
    summary: "the server refused the password",
    fix: (c) => `wrong password or protocol disabled: ${passwordIn(c)}, and ${enableProtocolFix(c.protocol, c.login)}`,
  },
  TOKEN_WRONG_USER: { summary: "the token names another user", fix: (c) => `the token was issued for ${c.tokenUser ?? "another user"}, not ${c.login}: mailbox must be the account's user principal name` },
  TOKEN_WRONG_AUDIENCE: {
    summary: "the token is for another resource",
    fix: (c) => `the token is for ${c.tokenAudience ?? "another resource"}, not Exchange Online: check tenant.authority names the mailbox's cloud (the scope follows it)`,
  },
  TOKEN_EXPIRED: { summary: "the token had expired", fix: () => "the token the authority issued had already expired when it was used: check this machine's clock (NTP)" },
  MAILBOX_UNAVAILABLE: { summary: "logged in, but the inbox could not be opened", fix: (c) => `check that ${c.login} has an Exchange Online mailbox (licensed) and that the login owns it` },
  SEND_REJECTED: { summary: "the server refused the test message", fix: (c) => `allow ${c.login} to send: it needs a mailbox and Send As rights for the From address` },
  SIZE_LIMIT: {
    summary: "the server accepts smaller messages than maxSizeMb",
    fix: (c) => `lower maxSizeMb to ${Math.floor(c.serverLimitMb ?? 0)} or raise the mailbox's limit (Set-Mailbox -Identity ${c.login} -MaxReceiveSize ${c.maxSizeMb ?? "?"}MB)`,
  },
  ECONNREFUSED: { summary: "connection refused", fix: (c) => `nothing listens on ${c.host}:${c.port}: check ${c.endpointField ?? "server.host and server.port"}` },
  ENOTFOUND: {
    summary: "host name not found",
    fix: (c) => `the host name ${c.host} does not resolve: check ${c.endpointField ?? "server.host"} (and this machine's DNS${c.endpointField ? ", or HTTPS_PROXY where only a proxy reaches the internet" : ""})`,
  },
  EHOSTUNREACH: {
    summary: "host unreachable",
    fix: (c) => `${c.host} cannot be reached from this machine: check the network route and firewall${c.endpointField ? ` (or set HTTPS_PROXY), and ${c.endpointField}` : ""}`,
  },
  ECONNRESET: {
    summary: "connection reset",
    fix: (c) =>
      c.endpointField
        ? `${c.host}:${c.port} closed the connection: check ${c.endpointField}, and any firewall or proxy on the way`
        : `${c.host}:${c.port} closed the connection: check server.tls (${c.tls} now) matches the port, and any firewall or proxy on the way`,
  },
  TIMEOUT: {
    summary: "no answer in time",
    fix: (c) =>
      `${c.host}:${c.port} did not answer within ${c.timeoutSeconds} s: check ${c.endpointField ?? "server.host, server.port and server.tls"}, and that a firewall lets this machine through${c.endpointField ? " (or set HTTPS_PROXY)" : ""} (raise --timeout for a slow link)`,
  },
  TLS_HOSTNAME: {
    summary: "the certificate does not match the host name",
    fix: (c) => `the server's certificate is not issued for ${c.host}: set ${c.endpointField ?? "server.host"} to a name the certificate covers (trusting its CA with --ca-file does not fix a name mismatch)`,
  },
  TLS_UNTRUSTED: {
    summary: "the certificate is not signed by a trusted CA",
    fix: (c) => (c.caFile ? `the certificate of ${c.host} is not signed by a CA in the system store or ${c.caFile}: pass --ca-file with the CA that signed it` : `the certificate of ${c.host} is not signed by a CA in the system store: pass --ca-file with the CA that signed it`),
  },
  TLS_EXPIRED: { summary: "the server's certificate has expired", fix: (c) => `the certificate of ${c.host} has expired (or is not yet valid): renew it, or check this machine's clock` },
  TLS_PROTOCOL: {
    summary: "TLS could not be negotiated",
    fix: (c) =>
      c.endpointField
        ? `the TLS handshake with ${c.host}:${c.port} failed: check ${c.endpointField} is an https URL of a token endpoint`
        : `the TLS handshake with ${c.host}:${c.port} failed: check server.tls (${c.tls} now; implicit for 993/995/465/443, starttls for 143/110/587)`,
  },
  STARTTLS_INJECTION: {
    summary: "the server sent data in plaintext after agreeing to STARTTLS",
    fix: (c) =>
      `something on the way to ${c.host}:${c.port} injected plaintext after the STARTTLS go-ahead (a man in the middle, or a broken proxy or firewall): nothing was sent; check the network path, or use the implicit-TLS port (server.port ${implicitPort(c.protocol)}, server.tls: implicit)`,
  },
  UNSAFE_VALUE: {
    summary: "a value holds a line break or NUL character",
    fix: (c) => `remove the line break (CR, LF) or NUL character from the ${c.field ?? "value"}: it would end the protocol command and start another (a value read from a file often ends with a line break)`,
  },
  FEDERATED_DOMAIN: {
    summary: "the login's domain is federated: the password flow cannot sign in",
    fix: (c) =>
      `${c.field ?? "the domain"} signs in at its own identity provider (AD FS, Okta...): either sync password hashes to Entra (Entra Connect password hash sync) and let this app validate passwords in the cloud with a home realm discovery policy (AllowCloudPasswordValidation), or move the mailbox to GRAPH (client credentials, no mailbox password)`,
  },
  PROXY_AUTH: {
    summary: "the proxy refused its credentials",
    fix: (c) => `the proxy ${c.proxy ?? "in HTTPS_PROXY"} refused the user and password in HTTPS_PROXY (http://user:password@host:port, URL-encoded): correct them; they go to the proxy only`,
  },
  PROXY_REFUSED: {
    summary: "the proxy refused the tunnel",
    fix: (c) => `the proxy ${c.proxy ?? "in HTTPS_PROXY"} does not let this machine through to the Microsoft endpoints: allow them in the proxy, or list hosts that are reachable directly in NO_PROXY`,
  },
  PROXY_UNREACHABLE: {
    summary: "the proxy could not be reached",
    fix: (c) => `nothing answers at the proxy ${c.proxy ?? "in HTTPS_PROXY"}: check HTTPS_PROXY (host and port), or unset it where the endpoints are reachable directly`,
  },
  TLS_MODE_IMPLICIT: {
    summary: "the port expects implicit TLS, not STARTTLS",
    fix: (c) =>
      `${c.host}:${c.port} expects TLS from the first byte (implicit TLS)${c.tlsGiven ? "" : `; without server.tls, port ${c.port} is taken for STARTTLS (only 993, 995, 465 and 443 are implicit)`}: set server.tls: implicit`,
  },
  TLS_MODE_STARTTLS: {
    summary: "the port expects STARTTLS, not implicit TLS",
    fix: (c) =>
      `${c.host}:${c.port} greets in plain text and expects STARTTLS${c.tlsGiven ? "" : `; without server.tls, port ${c.port} is taken for implicit TLS`}: set server.tls: starttls (or use the implicit-TLS port, server.port ${implicitPort(c.protocol)})`,
  },
  NO_STARTTLS: { summary: "the server offers no STARTTLS", fix: (c) => `${c.host}:${c.port} does not offer STARTTLS: use the implicit-TLS port (server.port ${implicitPort(c.protocol)}, server.tls: implicit)` },
  GRAPH_401: { summary: "Graph refused the app token", fix: () => "check tenant.directoryId and tenant.authority (the token must come from the mailbox's tenant and cloud)" },
  GRAPH_403: {
    summary: "the app may not read this mailbox",
    fix: (c) =>
      c.graphMailboxAccess === "exchange-rbac"
        ? `access comes only from Exchange Online RBAC for Applications: run exchange-setup.ps1 and make sure ${c.login} is in the scoped group (check with Test-ServicePrincipalAuthorization -Resource ${c.login}; role changes can take up to 2 hours)`
        : `grant the app Mail.ReadWrite with admin consent (apply the Terraform stack); if an access policy limits it to a group, add ${c.login} to it (check with Test-ApplicationAccessPolicy -Identity ${c.login} -AppId <client id>)`,
  },
  GRAPH_404: { summary: "Graph found no such mailbox", fix: (c) => `${c.login} is not an Exchange Online mailbox in this tenant: check mailbox (and its licence)` },
  HTTP_ERROR: { summary: "unexpected HTTP answer", fix: (c) => `check server.host and server.port (${c.host}:${c.port}) point at the ${c.protocol} endpoint` },
  EWS_ERROR: { summary: "EWS answered with an error", fix: (c) => `check that ${c.login} has an Exchange Online mailbox with EWS enabled (Set-CASMailbox -Identity ${c.login} -EwsEnabled $true)` },
  UNKNOWN: { summary: "unexpected error", fix: () => "see the step's detail; run again with --timeout raised if the network is slow" },
};

function implicitPort(protocol: ServerType): number {
  return protocol === "IMAP" ? 993 : protocol === "POP3" ? 995 : protocol === "SMTP" ? 465 : 443;
}

/** The summary and fix for a failure code (`AADSTS50076` or one of FIXES). */
export function fixFor(code: string, context: FixContext): { summary: string; fix: string } {
  const aad = /^AADSTS(\d+)$/.exec(code);
  const entry = aad ? (AADSTS_FIXES[aad[1]!] ?? { summary: `Entra error ${code}`, fix: () => `look ${code} up at https://login.microsoftonline.com/error?code=${aad[1]} and fix the account or app registration` }) : (FIXES[code] ?? FIXES["UNKNOWN"]!);
  return { summary: entry.summary, fix: entry.fix(context) };
}
