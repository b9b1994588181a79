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

/** Colours for terminal output: each wraps text in an SGR sequence, or returns it as it is when colour is off. */
export interface Paint {
  readonly enabled: boolean;
  readonly red: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly green: (text: string) => string;
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
}

const sgr = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const plain = (text: string) => text;

export function paint(enabled: boolean): Paint {
  if (!enabled) return { enabled, red: plain, yellow: plain, green: plain, bold: plain, dim: plain };
  return { enabled, red: sgr(31, 39), yellow: sgr(33, 39), green: sgr(32, 39), bold: sgr(1, 22), dim: sgr(2, 22) };
}

/**
 * Whether output to a stream gets colour, decided in this order:
 * `--no-color` off; `NO_COLOR` set to any non-empty value off (no-color.org); `FORCE_COLOR` on unless it is
 * `0` or `false` (Node's own convention, for CI logs that render colour without a terminal); `TERM=dumb`
 * off; otherwise on for a terminal (TTY) only, never for a pipe or a file.
 */
export function useColor(stream: { readonly isTTY?: boolean }, env: Readonly<Record<string, string | undefined>>, noColorFlag = false): boolean {
  if (noColorFlag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force.toLowerCase() !== "false";
  if (env.TERM === "dumb") return false;
  return stream.isTTY === true;
}
