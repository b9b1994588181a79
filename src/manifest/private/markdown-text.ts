const NEEDS_CARE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029|`]/;

/**
 * Markdown pieces for text pasted into a support case, where it may be rendered or shown raw.
 * Values sit in code spans (no emphasis, links or HTML inside), with `|` escaped for tables
 * and control characters shown as `\uNNNN` so a value can never start a new line or row.
 */
export function mdCode(value: string): string {
  // Most values (names, addresses, hosts) need no escaping and no longer fence.
  if (!NEEDS_CARE.test(value)) return value.startsWith(" ") && value.endsWith(" ") ? `\` ${value} \`` : `\`${value}\``;
  const oneLine = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).replace(/\|/g, "\\|");
  const longestRun = Math.max(0, ...(oneLine.match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(longestRun + 1);
  const pad = oneLine.startsWith("`") || oneLine.endsWith("`") || (oneLine.startsWith(" ") && oneLine.endsWith(" ")) ? " " : "";
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}

/** A two-column table of already-formatted cells. */
export function mdTable(header: readonly [string, string], rows: ReadonlyArray<readonly [string, string]>): string[] {
  return [`| ${header[0]} | ${header[1]} |`, "| --- | --- |", ...rows.map(([a, b]) => `| ${a} | ${b} |`)];
}

export function mdList(items: readonly string[]): string {
  return items.join(", ");
}
