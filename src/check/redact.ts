/** Shorter strings are not treated as secrets (they would mangle ordinary text). */
const MIN_SECRET = 4;

/**
 * Keeps secrets out of every message the check prints. Libraries echo what they were given
 * (a server's reply to a bad XOAUTH2 blob, a URL with a token), so every detail passes through here.
 */
export class Redactor {
  private readonly secrets = new Set<string>();
  /**
   * The secrets by their first MIN_SECRET characters, longest first; rebuilt only when one is added.
   * A check registers a password and a token per mailbox: trying every secret on every message made
   * redaction quadratic in the number of mailboxes, an index makes it linear in the text.
   */
  private index?: Map<string, string[]>;

  /** Registers a secret (password, client secret, access token). Very short strings are ignored: they would mangle ordinary text. */
  add(secret: string | undefined): void {
    if (secret && secret.length >= MIN_SECRET) {
      this.index = undefined;
      this.secrets.add(secret);
      // Also its encodings as they travel: base64 (SASL PLAIN/LOGIN, XOAUTH2) and URL encoding (form bodies).
      this.secrets.add(Buffer.from(secret, "utf8").toString("base64").replace(/=+$/, ""));
      const encoded = encodeURIComponent(secret);
      if (encoded !== secret) this.secrets.add(encoded);
    }
  }

  /**
   * Every character that belongs to an occurrence of any secret is replaced: each run of such
   * characters (overlapping occurrences included) becomes one "[redacted]".
   */
  redact(text: string): string {
    const index = (this.index ??= indexByPrefix(this.secrets));
    let out = "";
    let from = 0;
    let start = -1;
    let end = -1;
    for (let i = 0; i + MIN_SECRET <= text.length; i++) {
      const hit = index.get(text.slice(i, i + MIN_SECRET))?.find((s) => text.startsWith(s, i));
      if (hit === undefined) continue;
      if (i >= end) {
        // A new run: write out the previous one (it ended at `end`).
        if (start >= 0) {
          out += `${text.slice(from, start)}[redacted]`;
          from = end;
        }
        start = i;
      }
      end = Math.max(end, i + hit.length);
    }
    if (start >= 0) {
      out += `${text.slice(from, start)}[redacted]`;
      from = end;
    }
    return redactPatterns(out + text.slice(from));
  }
}

function indexByPrefix(secrets: ReadonlySet<string>): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const s of secrets) {
    const key = s.slice(0, MIN_SECRET);
    const list = index.get(key);
    if (list) list.push(s);
    else index.set(key, [s]);
  }
  for (const list of index.values()) list.sort((a, b) => b.length - a.length);
  return index;
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
