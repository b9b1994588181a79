/**
 * Keeps secrets out of every message the check prints. Libraries echo what they were given
 * (a server's reply to a bad XOAUTH2 blob, a URL with a token), so every detail passes through here.
 */
export class Redactor {
  private readonly secrets = new Set<string>();
  /** The secrets longest first; rebuilt only when one is added (each check adds its password and token). */
  private ordered?: string[];

  /** Registers a secret (password, client secret, access token). Very short strings are ignored: they would mangle ordinary text. */
  add(secret: string | undefined): void {
    if (secret && secret.length >= 4) {
      this.ordered = undefined;
      this.secrets.add(secret);
      // Also its encodings as they travel: base64 (SASL PLAIN/LOGIN, XOAUTH2) and URL encoding (form bodies).
      this.secrets.add(Buffer.from(secret, "utf8").toString("base64").replace(/=+$/, ""));
      const encoded = encodeURIComponent(secret);
      if (encoded !== secret) this.secrets.add(encoded);
    }
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so a secret that contains another is removed whole.
    this.ordered ??= [...this.secrets].sort((a, b) => b.length - a.length);
    for (const s of this.ordered) if (out.includes(s)) out = out.split(s).join("[redacted]");
    return redactPatterns(out);
  }
}

/** Patterns that look like credentials whether or not we hold them. */
export function redactPatterns(text: string): string {
  return (
    text
      // JWTs (three base64url parts, the first a JSON header).
      .replace(/eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, "[redacted token]")
      // Bearer/Basic credentials in headers.
      .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, "$1 [redacted]")
      // SASL exchanges: AUTH/AUTHENTICATE <mech> <base64>, and long bare base64 blobs (XOAUTH2 strings start with "user=" → dXNlcj0).
      .replace(/\b(AUTH(?:ENTICATE)?\s+(?:XOAUTH2|OAUTHBEARER|PLAIN|LOGIN))\s+\S+/gi, "$1 [redacted]")
      .replace(/[A-Za-z0-9+/]{40,}={0,2}/g, "[redacted]")
  );
}
