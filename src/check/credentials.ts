import { CheckError } from "./classify";

/** How a protocol client logs in: an OAuth 2.0 access token (SASL XOAUTH2) or the mailbox password. */
export type Credential = { readonly kind: "token"; readonly accessToken: string } | { readonly kind: "password"; readonly password: string };

/** CR, LF and NUL end a protocol line: inside a login, password or address they would inject commands. */
export const UNSAFE_WIRE_CHARACTER = /[\r\n\0]/;

/**
 * Refuses values that would inject protocol commands, before anything is sent. The message names the
 * value (login, password...) but never repeats it.
 */
export function refuseUnsafe(values: Readonly<Record<string, string>>): void {
  for (const [what, value] of Object.entries(values)) {
    if (UNSAFE_WIRE_CHARACTER.test(value)) throw new CheckError("UNSAFE_VALUE", `the ${what} holds a line break (CR or LF) or NUL character: refused to send it`, { field: what });
  }
}

/** The SASL XOAUTH2 initial response: base64("user=" + login + "\x01auth=Bearer " + token + "\x01\x01"). */
export function xoauth2(login: string, accessToken: string): string {
  return Buffer.from(`user=${login}\x01auth=Bearer ${accessToken}\x01\x01`, "utf8").toString("base64");
}

interface Claims {
  readonly user?: string;
  readonly exp?: number;
  readonly aud?: readonly string[];
}

/** Audiences an Exchange Online protocol endpoint accepts (global, US Government, China; the resource's app ID). */
export const EXCHANGE_AUDIENCES: ReadonlySet<string> = new Set([
  "https://outlook.office.com",
  "https://outlook.office365.com",
  "https://outlook.office365.us",
  "https://partner.outlook.cn",
  "00000002-0000-0ff1-ce00-000000000000",
]);

/** Reads (does not verify) the claims of a JWT access token; undefined for opaque tokens. */
export function tokenClaims(accessToken: string): Claims | undefined {
  const parts = accessToken.split(".");
  if (parts.length !== 3) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
    const user = [payload["preferred_username"], payload["upn"], payload["unique_name"], payload["email"]].find((v): v is string => typeof v === "string");
    const aud = payload["aud"];
    const auds = (Array.isArray(aud) ? aud : [aud]).filter((a): a is string => typeof a === "string");
    return { ...(user ? { user } : {}), ...(typeof payload["exp"] === "number" ? { exp: payload["exp"] } : {}), ...(auds.length ? { aud: auds } : {}) };
  } catch {
    return undefined;
  }
}

/**
 * The error for a login the server refused. With a token the authority just issued, the usual reason is
 * that the protocol is disabled for the mailbox, unless the token itself shows another user or has expired.
 */
export function rejectedLogin(credential: Credential, login: string, serverText: string, nowSeconds = Date.now() / 1000): CheckError {
  const said = serverText ? `: ${serverText}` : "";
  if (credential.kind === "password") return new CheckError("AUTH_REJECTED_BASIC", `the server refused the password${said}`);
  const claims = tokenClaims(credential.accessToken);
  if (claims?.user && claims.user.toLowerCase() !== login.toLowerCase()) {
    return new CheckError("TOKEN_WRONG_USER", `the server refused the token, which was issued for ${claims.user}${said}`, { tokenUser: claims.user });
  }
  if (claims?.exp !== undefined && claims.exp <= nowSeconds) {
    return new CheckError("TOKEN_EXPIRED", `the server refused the token, which expired at ${new Date(claims.exp * 1000).toISOString()}${said}`);
  }
  if (claims?.aud && !claims.aud.some((a) => EXCHANGE_AUDIENCES.has(a.replace(/\/+$/, "").toLowerCase()))) {
    return new CheckError("TOKEN_WRONG_AUDIENCE", `the server refused the token, which is for ${claims.aud.join(", ")}, not Exchange Online${said}`, { tokenAudience: claims.aud.join(", ") });
  }
  return new CheckError("AUTH_REJECTED", `the server refused a valid token${said}`);
}
