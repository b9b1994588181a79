/**
 * Keeps secrets out of every message the check prints. Libraries and servers echo what they were given
 * (a server's reply quoting a SASL blob, a URL with a token), so every detail passes through here.
 *
 * A secret is redacted whatever its length: as it is, in the encodings it travels in (URL and form
 * encoding, JSON), and inside any base64 text at any alignment (SASL PLAIN `\0login\0password`, LOGIN,
 * XOAUTH2 `user=…\x01auth=Bearer …`): every base64-looking run is decoded from each of its four possible
 * starting offsets, and a run whose bytes hold a secret, or that has the shape of a PLAIN or XOAUTH2
 * blob, is redacted whole.
 */
export class Redactor {
  /** Each secret's text forms (the secret and its encodings) and, for decoded base64, its UTF-8 bytes read as latin1. */
  private readonly forms = new Set<string>();
  private readonly bytes = new Set<string>();
  /**
   * The forms by their first character, longest first; rebuilt only when a secret is added. A check registers a
   * password and a token per mailbox: trying every secret at every position made redaction quadratic in the
   * number of mailboxes; the index keeps it near linear in the text.
   */
  private index?: { forms: Index; bytes: Index };

  /** Registers a secret (password, client secret, access token, proxy password). */
  add(secret: string | undefined): void {
    if (!secret) return;
    this.index = undefined;
    for (const form of textForms(secret)) this.forms.add(form);
    this.bytes.add(Buffer.from(secret, "utf8").toString("latin1"));
  }

  /** Each run of characters that belongs to a secret (in any form) or to a base64 run hiding one becomes "[redacted]". */
  redact(text: string): string {
    const index = (this.index ??= { forms: indexByFirst(this.forms), bytes: indexByFirst(this.bytes) });
    const ranges: Array<[number, number]> = [];
    for (const [start, end] of occurrences(text, index.forms)) ranges.push([start, end]);
    for (const run of text.matchAll(BASE64_RUN)) {
      if (hidesSecret(run[0], index.bytes)) ranges.push([run.index, run.index + run[0].length]);
    }
    return redactPatterns(replaceRanges(text, ranges));
  }
}

type Index = Map<string, string[]>;

/** A secret as it appears in text: itself, URL-encoded (MSAL's form bodies), form-encoded, and inside a JSON string. */
function textForms(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2), JSON.stringify(secret).slice(1, -1)]);
  return [...forms];
}

/** Base64 and base64url text, with its padding. Two characters are the shortest base64 of one byte. */
const BASE64_RUN = /[A-Za-z0-9+/_-]{2,}={0,2}/g;

/** SASL PLAIN after decoding: `authzid \0 authcid \0 password`, printable parts (RFC 4616). */
// eslint-disable-next-line no-control-regex
const SASL_PLAIN = /^[^\x00-\x1f\x7f]*\x00[^\x00-\x1f\x7f]+\x00[^\x00-\x1f\x7f]+$/;
/** SASL XOAUTH2 / OAUTHBEARER after decoding: `user=…\x01auth=Bearer …` or `n,a=…,\x01auth=…`. */
// eslint-disable-next-line no-control-regex
const SASL_BEARER = /(^|\x01)auth=/i;

function hidesSecret(run: string, bytes: Index): boolean {
  const body = run.replace(/=+$/, "");
  for (let offset = 0; offset < 4 && body.length - offset >= 2; offset++) {
    // Node's base64 decoder reads the URL-safe alphabet too, and decodes a trailing partial group.
    const decoded = Buffer.from(body.slice(offset), "base64").toString("latin1");
    if (occurrences(decoded, bytes).next().done === false) return true;
    if (offset === 0 && (SASL_PLAIN.test(decoded) || SASL_BEARER.test(decoded))) return true;
  }
  return false;
}

/** Where any indexed string occurs in the text (the longest one at each position). */
function* occurrences(text: string, index: Index): Generator<[number, number]> {
  if (index.size === 0) return;
  for (let i = 0; i < text.length; i++) {
    const hit = index.get(text[i]!)?.find((s) => text.startsWith(s, i));
    if (hit !== undefined) yield [i, i + hit.length];
  }
}

function indexByFirst(strings: ReadonlySet<string>): Index {
  const index: Index = new Map();
  for (const s of strings) {
    const list = index.get(s[0]!);
    if (list) list.push(s);
    else index.set(s[0]!, [s]);
  }
  for (const list of index.values()) list.sort((a, b) => b.length - a.length);
  return index;
}

/** Replaces each union of overlapping ranges with one "[redacted]". */
function replaceRanges(text: string, ranges: Array<[number, number]>): string {
  if (ranges.length === 0) return text;
  ranges.sort((a, b) => a[0] - b[0]);
  let out = "";
  let from = 0;
  let [start, end] = ranges[0]!;
  for (const [s, e] of ranges.slice(1)) {
    if (s < end) end = Math.max(end, e);
    else {
      out += `${text.slice(from, start)}[redacted]`;
      from = end;
      [start, end] = [s, e];
    }
  }
  return `${out}${text.slice(from, start)}[redacted]${text.slice(end)}`;
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
      // (the blob is base64 only: a wider match would eat the quote that ends a JSON string)
      .replace(/\b(AUTH(?:ENTICATE)?\s+(?:XOAUTH2|OAUTHBEARER|PLAIN|LOGIN))\s+[A-Za-z0-9+/_-]+={0,2}/gi, "$1 [redacted]")
      .replace(/[A-Za-z0-9+/]{40,}={0,2}/g, "[redacted]")
  );
}
