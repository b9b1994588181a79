// Minimal RS256 JWT signing/verification with node:crypto (no dependency).
import * as crypto from "node:crypto";

export type JwtClaims = Record<string, unknown>;

export interface JwtHeader {
  typ?: string;
  alg?: string;
  kid?: string;
  [k: string]: unknown;
}

export interface DecodedJwt {
  header: JwtHeader;
  payload: JwtClaims;
  signingInput: string;
  signature: Buffer;
}

export const b64u = (data: Buffer | string): string => Buffer.from(data).toString("base64url");

export function signJwt(payload: JwtClaims, key: crypto.KeyObject, kid: string): string {
  const header = { typ: "JWT", alg: "RS256", kid };
  const data = `${b64u(JSON.stringify(header))}.${b64u(JSON.stringify(payload))}`;
  return `${data}.${b64u(crypto.sign("RSA-SHA256", Buffer.from(data), key))}`;
}

/** Decodes without verifying. Returns undefined for anything that is not a three-part JWT with JSON header/payload. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0]!, "base64url").toString("utf8")) as unknown;
    const payload = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8")) as unknown;
    if (!isObject(header) || !isObject(payload)) return undefined;
    return {
      header: header as JwtHeader,
      payload,
      signingInput: `${parts[0]}.${parts[1]}`,
      signature: Buffer.from(parts[2]!, "base64url"),
    };
  } catch {
    return undefined;
  }
}

export type JwtVerifyResult =
  | { ok: true; claims: JwtClaims; header: JwtHeader }
  | { ok: false; reason: "malformed" | "bad_signature" | "expired" | "not_yet_valid" | "bad_issuer" | "bad_audience"; message: string; claims?: JwtClaims };

export interface JwtVerifyOptions {
  keys: Map<string, crypto.KeyObject>; // kid -> public key
  issuer: string;
  audiences: readonly string[];
  nowSeconds?: number;
}

/** Verifies signature (RS256, key chosen by kid), exp, nbf, iss and aud, like a Microsoft resource server does (no clock skew). */
export function verifyJwt(token: string, opts: JwtVerifyOptions): JwtVerifyResult {
  const d = decodeJwt(token);
  if (!d) return { ok: false, reason: "malformed", message: "JWT is not well formed." };
  const key = d.header.kid !== undefined ? opts.keys.get(d.header.kid) : undefined;
  if (d.header.alg !== "RS256" || !key || !crypto.verify("RSA-SHA256", Buffer.from(d.signingInput), key, d.signature)) {
    return { ok: false, reason: "bad_signature", message: "Signature validation failed.", claims: d.payload };
  }
  const now = opts.nowSeconds ?? Math.floor(Date.now() / 1000);
  const exp = d.payload["exp"];
  const nbf = d.payload["nbf"];
  if (typeof exp !== "number" || exp <= now) return { ok: false, reason: "expired", message: "Lifetime validation failed, the token is expired.", claims: d.payload };
  if (typeof nbf === "number" && nbf > now) return { ok: false, reason: "not_yet_valid", message: "Lifetime validation failed, the token is not yet valid.", claims: d.payload };
  if (d.payload["iss"] !== opts.issuer) return { ok: false, reason: "bad_issuer", message: "Access token validation failure. Invalid issuer.", claims: d.payload };
  const aud = d.payload["aud"];
  const auds = Array.isArray(aud) ? aud : [aud];
  if (!auds.some((a) => typeof a === "string" && opts.audiences.includes(a))) {
    return { ok: false, reason: "bad_audience", message: "Access token validation failure. Invalid audience.", claims: d.payload };
  }
  return { ok: true, claims: d.payload, header: d.header };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
