/**
 * Markdown (CommonMark and GitHub Flavored Markdown): data shown as data. Every Markdown file or comment this tool
 * writes (the migration request, the diff PR comment, the check report, RULES.md) puts values through this module,
 * so a config value, a server's reply or a rule text can never start a heading, list, quote, table row, link,
 * image, HTML tag or emphasis, close a code span, or break a line.
 *
 * - `mdCode`: a value as an inline code span (nothing inside a code span is Markdown: no emphasis, links, HTML,
 *   entities, autolinks, and on GitHub no @mentions, #references or :emoji:). Use it for every value.
 * - `mdText`: prose that may contain data, as inline text: the characters that can start a construct are
 *   backslash-escaped (CommonMark 2.4: an escaped ASCII punctuation character shows as itself). GFM's email autolink
 *   cannot be escaped (cmark-gfm links `a\@b\.com` too): an address in `mdText` may become a mailto link to itself.
 * - `mdTable`: a GFM table; GFM splits a row into cells at every `|` not preceded by a backslash before it parses
 *   code spans, so `mdTable` escapes each `|` of a cell as `\|` (inside code spans too, where GFM removes that
 *   backslash again: GFM spec 0.29, example 200).
 *
 * Control characters (line breaks included) and bidirectional controls become `\uXXXX` (as in terminal text), so
 * a value is always one line and shows in the order it is stored.
 */
import { escapeControls } from "./terminal";

/** CommonMark's ASCII punctuation (spec 2.1): a backslash before one of these escapes it. */
const PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

/**
 * What can start a construct anywhere in a line: code spans and fences, emphasis, HTML, autolinks and entities,
 * table cells, strikethrough, math, headings. `[` and `]` only matter where a link or image can form (`](`, `][`)
 * or a definition can start; `:` only in `://` and `.` only in `www.` (GFM's extended autolinks).
 */
const ANYWHERE = /[`*_<>&|~#$]|\](?=[([])|:(?=\/\/)|(?<=\bwww)\./gi;
/** What can start a block at the start of a line: a list item, a setext underline, a definition, a task list. */
const AT_START = /^[-+=[]/;
/** An ordered list item's marker at the start of a line (`1.`, `2)`): its `.` or `)` is escaped, the digits stay. */
const ORDERED_AT_START = /^(\d{1,9})([.)])/;

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
 * Inline text that shows `value` as written, with as few backslashes as that takes, so the Markdown source stays
 * readable: the characters that can start a construct (see ANYWHERE, AT_START) are backslash-escaped, a backslash
 * is doubled where it would escape what follows, leading spaces cannot make an indented code block, and control
 * characters become `\uXXXX`.
 */
export function mdText(value: string, options: { readonly max?: number } = {}): string {
  const text = bounded(value, options.max)
    .replace(/\\/g, (b, offset: number, all: string) => (offset + 1 === all.length || PUNCTUATION.includes(all[offset + 1]!) ? "\\\\" : b))
    .replace(ANYWHERE, (c) => `\\${c}`);
  return text.replace(AT_START, "\\$&").replace(ORDERED_AT_START, "$1\\$2").replace(/^ /, "&#32;");
}

/** A cell's Markdown made safe for a GFM table row: each `|` escaped (see the module comment). */
function mdCell(markdown: string): string {
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
