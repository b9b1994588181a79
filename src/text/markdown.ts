/**
 * Markdown (CommonMark and GitHub Flavored Markdown): data shown as data. Every Markdown file or comment this tool
 * writes (the migration request, the diff PR comment, the check report, RULES.md) puts values through this module,
 * so a config value, a server's reply or a rule text can never start a heading, list, quote, table row, link,
 * image, HTML tag or emphasis, close a code span, or break a line.
 *
 * - `mdCode`: a value as an inline code span (nothing inside a code span is Markdown: no emphasis, links, HTML,
 *   entities, autolinks, and on GitHub no @mentions, #references or :emoji:). Use it for every value.
 * - `mdText`: prose that may contain data, as inline text: every ASCII punctuation character is backslash-escaped
 *   (CommonMark 2.4: any ASCII punctuation may be escaped and then shows as itself). GFM's email autolink cannot be
 *   escaped (cmark-gfm links `a\@b\.com` too): an address in `mdText` may become a mailto link to exactly itself.
 * - `mdTable`: a GFM table; GFM splits a row into cells at every `|` not preceded by a backslash before it parses
 *   code spans, so `mdTable` escapes each `|` of a cell as `\|` (inside code spans too, where GFM removes that
 *   backslash again: GFM spec 0.29, example 200).
 *
 * Control characters (line breaks included) and bidirectional controls become `\uXXXX` (as in terminal text), so
 * a value is always one line and shows in the order it is stored.
 */
import { escapeControls } from "./terminal";

/** CommonMark's ASCII punctuation (spec 2.1), each of which a backslash escapes. */
const ASCII_PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

function bounded(value: string, max: number | undefined): string {
  const oneLine = escapeControls(value);
  return max !== undefined && oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}

/**
 * A value as an inline code span that shows it exactly: fenced with one backtick more than its longest run of
 * backticks, padded with a space when it starts or ends with a backtick or a space (CommonMark 6.1 strips one
 * space on each side), control characters as `\uXXXX`, optionally cut at `max` characters with `…`.
 */
export function mdCode(value: string, options: { readonly max?: number } = {}): string {
  const text = bounded(value, options.max);
  // CommonMark has no empty code span: one space is the closest, and shows that the value is empty.
  if (text === "") return "` `";
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") || text.startsWith(" ") || text.endsWith(" ") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Inline text that shows `value` as written: ASCII punctuation backslash-escaped (so no emphasis, link, image,
 * HTML, entity, heading, list, quote, table or strikethrough starts), control characters as `\uXXXX`.
 */
export function mdText(value: string, options: { readonly max?: number } = {}): string {
  return bounded(value, options.max).replace(ASCII_PUNCTUATION, (c) => `\\${c}`);
}

/** A cell's Markdown made safe for a GFM table row: each `|` escaped (see the module comment). */
export function mdCell(markdown: string): string {
  return markdown.replace(/\|/g, "\\|");
}

/** A GFM table of already-rendered Markdown cells (each made safe with `mdCell`). */
export function mdTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  const row = (cells: readonly string[]) => `| ${cells.map(mdCell).join(" | ")} |`;
  return [row(header), `|${header.map(() => " --- ").join("|")}|`, ...rows.map(row)];
}

/** Items joined with commas (each already Markdown, e.g. `mdCode` values). */
export function mdList(items: readonly string[]): string {
  return items.join(", ");
}
