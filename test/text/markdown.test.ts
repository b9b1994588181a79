// Markdown as GitHub renders it: every case goes through cmark-gfm, GitHub's own CommonMark/GFM renderer (Debian
// package cmark-gfm, installed by npm test's pretest), with GitHub's extensions and raw HTML shown (--unsafe), so
// any tag, link or element a value produced would appear in the HTML. Each value must come out as exactly its text.
import { spawnSync } from "node:child_process";
import { mdCode, mdList, mdTable, mdText } from "../../src/text/markdown";
import { escapeControls } from "../../src/text/terminal";

function render(markdown: string): string {
  const r = spawnSync("cmark-gfm", ["--extension", "table", "--extension", "strikethrough", "--extension", "autolink", "--extension", "tagfilter", "--extension", "tasklist", "--unsafe"], { input: markdown, encoding: "utf8" });
  if (r.error || r.status !== 0) throw new Error(`cmark-gfm failed (is it installed? npm test's pretest installs it): ${r.error?.message ?? r.stderr}`);
  return r.stdout;
}

const html = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
/** What a value must show as: itself, one line (controls as \uXXXX), HTML-escaped by the renderer. */
const shown = (value: string) => html(escapeControls(value));

const table = (cell: string) => `<table>\n<thead>\n<tr>\n<th>h</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>${cell}</td>\n</tr>\n</tbody>\n</table>\n`;

// One value per Markdown construct that data must never produce.
const CONSTRUCTS: ReadonlyArray<readonly [string, string]> = [
  ["emphasis", "*a* _b_ **c** __d__"],
  ["strikethrough", "~~gone~~ ~x~"],
  ["code span and its fence", "a`b``c```"],
  ["a value that is a backtick", "`"],
  ["inline link", "[click](https://evil.example/)"],
  ["reference link and definition", "[x]: https://evil.example/ \"t\""],
  ["image", "![logo](https://evil.example/x.png)"],
  ["angle autolink", "<https://evil.example/>"],
  ["www autolink", "www.evil.example/path"],
  ["URL autolink", "https://evil.example/a?b=c"],
  ["raw HTML", "<img src=x onerror=alert(1)><script>x</script>"],
  ["HTML comment", "<!-- hidden -->"],
  ["entities", "&amp; &#x41; &copy &lt;b&gt;"],
  ["ATX heading", "# Approved by security"],
  ["setext underline", "==="],
  ["bullet list", "- item"],
  ["plus and star lists", "+ a * b"],
  ["ordered list", "1. first"],
  ["ordered list with a parenthesis", "1) first"],
  ["task list", "- [x] done"],
  ["blockquote", "> quoted"],
  ["thematic break", "***"],
  ["fenced code", "```js"],
  ["tilde fence", "~~~"],
  ["table row", "| a | b |"],
  ["escaped pipe", "a \\| b"],
  ["backslashes", "\\ \\\\ \\* \\`"],
  ["line breaks", "one\ntwo\r\nthree"],
  ["hard break (backslash, newline)", "a\\\nb"],
  ["control and bidirectional characters", "a\u0000b\u001b[31mc\u202ed\u2028e"],
  ["footnote", "[^1]"],
  ["math", "$x$ $$y$$"],
  ["emoji and mentions", ":smile: @octocat #123"],
  ["indented code", "    four spaces"],
  ["upper-case autolinks", "HTTP://EVIL.example WWW.EVIL.example"],
  ["a link in the middle", "see [docs](https://evil.example/) and ![x][y]"],
  ["a trailing backslash (before a cell's pipe)", "ends with \\"],
  ["a year at the start", "1986. was a year"],
  ["a lone dash", "-"],
];

describe("mdCode: a value as a code span shows exactly the value", () => {
  const more: ReadonlyArray<readonly [string, string]> = [...CONSTRUCTS, ["leading and trailing spaces", "  a  "], ["an email address", "alice@contoso.com"]];
  test.each(more)("%s, in a paragraph", (_name, value) => {
    expect(render(`x ${mdCode(value)} x`)).toBe(`<p>x <code>${shown(value)}</code> x</p>\n`);
  });

  test.each(CONSTRUCTS)("%s, at the start of a line", (_name, value) => {
    expect(render(mdCode(value))).toBe(`<p><code>${shown(value)}</code></p>\n`);
  });

  test.each(CONSTRUCTS)("%s, in a table cell", (_name, value) => {
    expect(render(mdTable(["h"], [[mdCode(value)]]).join("\n"))).toBe(table(`<code>${shown(value)}</code>`));
  });

  test("an empty value is a code span of one space (CommonMark has no empty code span)", () => {
    expect(render(`x ${mdCode("")} x`)).toBe("<p>x <code> </code> x</p>\n");
  });

  test("a long value is cut at max characters", () => {
    expect(mdCode("abcdef", { max: 3 })).toBe("`abc…`");
  });
});

describe("mdText: data in prose shows exactly as written", () => {
  const inert = CONSTRUCTS.filter(([, v]) => !v.startsWith(" "));

  test.each(CONSTRUCTS)("%s, in a paragraph", (_name, value) => {
    expect(render(`x ${mdText(value)} x`)).toBe(`<p>x ${shown(value)} x</p>\n`);
  });

  test.each(inert)("%s, at the start of a line", (_name, value) => {
    expect(render(mdText(value))).toBe(`<p>${shown(value)}</p>\n`);
  });

  test.each(inert)("%s, in a table cell", (_name, value) => {
    expect(render(mdTable(["h"], [[mdText(value)]]).join("\n"))).toBe(table(shown(value)));
  });

  test("GFM's email autolink cannot be escaped: an address links to exactly itself (use mdCode for addresses)", () => {
    expect(render(mdText("alice@contoso.com"))).toBe('<p><a href="mailto:alice@contoso.com">alice@contoso.com</a></p>\n');
  });
});

describe("mdTable", () => {
  test("one row per entry, however many pipes the cells hold", () => {
    const out = render(mdTable(["Field", "Value"], [[mdText("a|b"), mdCode("c|d")], [mdText("|"), mdCode("||")]]).join("\n"));
    expect(out).toBe(
      "<table>\n<thead>\n<tr>\n<th>Field</th>\n<th>Value</th>\n</tr>\n</thead>\n<tbody>\n" +
        "<tr>\n<td>a|b</td>\n<td><code>c|d</code></td>\n</tr>\n<tr>\n<td>|</td>\n<td><code>||</code></td>\n</tr>\n" +
        "</tbody>\n</table>\n",
    );
  });

  test("mdList joins rendered items", () => {
    expect(mdList([mdCode("a"), mdCode("b")])).toBe("`a`, `b`");
  });
});
