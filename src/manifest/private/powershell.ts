/**
 * PowerShell quoting for generated scripts.
 *
 * A value becomes a single-quoted literal, where only quote characters are special:
 * PowerShell treats the typographic quotes U+2018..U+201B like `'`, so every one of
 * them is doubled. Anything outside printable ASCII (control characters, line breaks,
 * non-ASCII letters) is spelled as `[char]0xNNNN` and concatenated, so the script stays
 * pure ASCII: Windows PowerShell 5.1 reads a BOM-less .ps1 in the ANSI code page, where
 * UTF-8 bytes can turn into quote characters.
 */
const SINGLE_QUOTES = /['\u2018\u2019\u201a\u201b]/g;
const PRINTABLE_ASCII = /^[\x20-\x7e]$/;
const ALL_PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** A PowerShell expression whose value is exactly `value`. */
export function psLiteral(value: string): string {
  if (ALL_PRINTABLE_ASCII.test(value)) return quoteRun(value);
  const parts: string[] = [];
  let run = "";
  for (const ch of value.split("")) {
    if (PRINTABLE_ASCII.test(ch)) {
      run += ch;
      continue;
    }
    if (run !== "") parts.push(quoteRun(run));
    run = "";
    parts.push(`[char]0x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
  }
  if (run !== "" || parts.length === 0) parts.push(quoteRun(run));
  return parts.length === 1 && parts[0]!.startsWith("'") ? parts[0]! : `(${parts.join(" + ")})`;
}

function quoteRun(run: string): string {
  return `'${run.replace(SINGLE_QUOTES, (q) => q + q)}'`;
}

/** Text for a `#` comment: one line, printable ASCII only (anything else shown as `\uNNNN`). */
export function psCommentText(value: string): string {
  return value.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
