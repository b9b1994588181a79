/** An expected failure raised by the check itself, with its code in the fixes table. */
export class CheckError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** Values for the fix text; `host`/`port` name the endpoint that failed when it is not the mailbox's server (the token endpoint). */
    readonly extra: { readonly field?: string; readonly endpointField?: string; readonly skipped?: boolean; readonly proxy?: string; readonly tokenUser?: string; readonly tokenAudience?: string; readonly serverLimitMb?: number; readonly host?: string; readonly port?: number } = {},
  ) {
    super(message);
    this.name = "CheckError";
  }
}

/** A step that ran out of time (--timeout). */
export class StepTimeoutError extends CheckError {
  constructor(seconds: number, what: string, endpoint?: { readonly host: string; readonly port: number; readonly field?: string }) {
    super("TIMEOUT", `no answer from ${what} within ${seconds} s`, endpoint ? { host: endpoint.host, port: endpoint.port, ...(endpoint.field ? { endpointField: endpoint.field } : {}) } : {});
  }
}

const TLS_CODES: Readonly<Record<string, string>> = {
  ERR_TLS_CERT_ALTNAME_INVALID: "TLS_HOSTNAME",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "TLS_UNTRUSTED",
  SELF_SIGNED_CERT_IN_CHAIN: "TLS_UNTRUSTED",
  DEPTH_ZERO_SELF_SIGNED_CERT: "TLS_UNTRUSTED",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "TLS_UNTRUSTED",
  UNABLE_TO_GET_ISSUER_CERT: "TLS_UNTRUSTED",
  CERT_UNTRUSTED: "TLS_UNTRUSTED",
  CERT_HAS_EXPIRED: "TLS_EXPIRED",
  CERT_NOT_YET_VALID: "TLS_EXPIRED",
  EPROTO: "TLS_PROTOCOL",
  ERR_SSL_WRONG_VERSION_NUMBER: "TLS_PROTOCOL",
  // imapflow refuses a STARTTLS upgrade when data followed the server's OK (plaintext injection).
  STARTTLS_INJECTION: "STARTTLS_INJECTION",
};

const NETWORK_CODES: Readonly<Record<string, string>> = {
  ECONNREFUSED: "ECONNREFUSED",
  ENOTFOUND: "ENOTFOUND",
  EAI_AGAIN: "ENOTFOUND",
  EAI_NONAME: "ENOTFOUND",
  EHOSTUNREACH: "EHOSTUNREACH",
  ENETUNREACH: "EHOSTUNREACH",
  ECONNRESET: "ECONNRESET",
  EPIPE: "ECONNRESET",
  EConnectionClosed: "ECONNRESET",
  NoConnection: "ECONNRESET",
  TIMEOUT: "TIMEOUT",
  ETIMEDOUT: "TIMEOUT",
  ETIMEOUT: "TIMEOUT",
  CONNECT_TIMEOUT: "TIMEOUT",
  GREETING_TIMEOUT: "TIMEOUT",
  UPGRADE_TIMEOUT: "TIMEOUT",
};

/** Every error in a chain: libraries wrap the socket's error (`cause`, imapflow `_err`, nodemailer keeps `originalCode`). */
export function errorChain(error: unknown): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  let current: unknown = error;
  while (current && typeof current === "object" && out.length < 6 && !out.includes(current as Record<string, unknown>)) {
    const e = current as Record<string, unknown>;
    out.push(e);
    current = e["cause"] ?? e["_err"] ?? e["error"] ?? e["source"];
  }
  return out;
}

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (const e of errorChain(error)) {
    // nodemailer replaces `code` with its own (ESOCKET) and keeps the socket's in `originalCode`: that one first.
    for (const key of ["originalCode", "code", "errno"]) if (typeof e[key] === "string") codes.push(e[key] as string);
  }
  return codes;
}

/** The fixes-table code of a transport error (TLS, socket, DNS, timeout), or undefined. */
export function transportCode(error: unknown): string | undefined {
  const codes = codesOf(error);
  for (const c of codes) if (TLS_CODES[c]) return TLS_CODES[c];
  for (const c of codes) if (NETWORK_CODES[c]) return NETWORK_CODES[c];
  const text = errorChain(error).map((e) => String(e["message"] ?? "")).join(" | ");
  if (/altnames|does not match certificate/i.test(text)) return "TLS_HOSTNAME";
  if (/self[- ]signed certificate|unable to verify the first certificate|unable to get (local )?issuer certificate/i.test(text)) return "TLS_UNTRUSTED";
  if (/certificate has expired/i.test(text)) return "TLS_EXPIRED";
  if (/wrong version number|packet length too long|ssl3_get_record|tlsv1 alert|handshake failure/i.test(text)) return "TLS_PROTOCOL";
  if (/\b(timed? ?out|timeout)\b|greeting never received/i.test(text)) return "TIMEOUT";
  if (/unexpected close|connection closed|socket hang up|closed unexpectedly/i.test(text)) return "ECONNRESET";
  return undefined;
}

/** The code and one-line message of any error (not yet redacted). */
export function classify(error: unknown): { code: string; message: string; extra: CheckError["extra"] } {
  if (error instanceof CheckError) return { code: error.code, message: error.message, extra: error.extra };
  const code = transportCode(error) ?? "UNKNOWN";
  return { code, message: describeError(error), extra: {} };
}

/** A short, single-line description of an error (the deepest useful message). */
export function describeError(error: unknown): string {
  const chain = errorChain(error);
  const first = chain[0];
  if (!first) return String(error);
  const parts: string[] = [];
  for (const e of chain) {
    const msg = typeof e["message"] === "string" ? (e["message"] as string).split("\n")[0]!.trim().replace(/[\s:]+$/, "") : "";
    if (msg && !parts.some((p) => p.includes(msg))) parts.push(msg);
    const response = typeof e["responseText"] === "string" ? (e["responseText"] as string) : undefined;
    if (response && !parts.some((p) => p.includes(response))) parts.push(response);
  }
  const code = codesOf(error).find((c) => !/^\d+$/.test(c));
  const text = parts.join(": ") || String(error);
  return code && !text.includes(code) ? `${text} (${code})` : text;
}
