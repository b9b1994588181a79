/**
 * Terminal text: what a message shows of a value a user (or a server) supplied. One line, short, control
 * characters shown as escapes, so a value can never move the cursor, forge a line or hide text in a log.
 */

/**
 * Characters that act on a terminal or a log viewer instead of showing: C0 (ESC starts ANSI sequences, CR and BS
 * overwrite what is shown, LF forges lines), DEL, C1 (CSI), the Unicode line separators and the bidirectional
 * controls that reorder what is shown (CVE-2021-42574, "Trojan Source").
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Every control character shown as a `\uXXXX` escape: the text stays one line and moves no cursor. */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * Text a server (or any other party) supplied, made fit for one line of output in any format: control
 * characters escaped, at most `max` characters. A hostile server can then neither colour, move, overwrite nor
 * forge a line (a fake `PASS` in a CI log), nor flood the output.
 */
export function inertLine(text: string, max = 500): string {
  const oneLine = escapeControls(text);
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}

/**
 * Echoes a user's value inside a message: short, one line, control characters
 * shown as escapes. Never used on secret fields.
 */
export function quote(value: unknown, max = 60): string {
  const text = typeof value === "string" ? value : describe(value);
  return `\`${inertLine(text, max)}\``;
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    // Circular (a YAML alias to its own ancestor) or not serializable.
    return Array.isArray(value) ? "[…]" : typeof value === "object" ? "{…}" : typeof value;
  }
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
