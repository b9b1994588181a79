/**
 * Terminal text: what a message shows of a value a user (or a server) supplied. One line, short, control
 * characters shown as escapes, so a value can never move the cursor, forge a line or hide text in a log.
 */

/**
 * Echoes a user's value inside a message: short, one line, control characters
 * shown as escapes. Never used on secret fields.
 */
export function quote(value: unknown, max = 60): string {
  const text = typeof value === "string" ? value : describe(value);
  // eslint-disable-next-line no-control-regex
  const oneLine = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  const shown = oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
  return `\`${shown}\``;
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
