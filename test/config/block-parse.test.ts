// The block-YAML tier must read every file exactly as the `yaml` path does (data, errors, the
// position of every field path), or step aside for the js-yaml and `yaml` tiers.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { blockParse } from "../../src/config/block-parse";
import { expectSameAsYaml, mutations } from "./yaml-reference";

const EXAMPLES = ["contact-center.yaml", "environments.yaml"].map((f) => readFileSync(join(__dirname, "../../examples", f), "utf8"));
// The benchmark's generated config (bench/lib/generate.js): flow mappings, environments, many mailboxes.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { configYaml } = require("../../bench/lib/generate") as { configYaml: (n: number) => string };
const GENERATED = configYaml(12);

describe("the block-YAML tier", () => {
  beforeAll(() => jest.spyOn(process, "emitWarning").mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  it("reads the examples and a generated config itself, with the same data and positions as yaml", () => {
    for (const text of [...EXAMPLES, GENERATED]) {
      expect(blockParse(text)).toBeDefined();
      expectSameAsYaml(text, [blockParse]);
    }
  });

  it.each([
    ["nested mappings and lists, comments, blank lines", "# head\na:\n  b: 1 # one\n\n  c:\n    - x\n    - y: 2\n      z: w\n    -\n    - 'q'\nd: ~\n"],
    ["a list at the key's own indentation", "inbound:\n- name: a\n  port: 993\n- name: b\nnext: 1\n"],
    ["empty values", "a:\nb:\n  c:\nd: x\ne:\n"],
    ["one-line flow collections", "a: { b: 1, c: 'd e', f: \"g\" }\nh: [ 1, two, 'three' ]\ni: {}\nj: []\nk: { l: https://x.example/p }\n"],
    ["quoted text", "a: \"x # not a comment\"\nb: 'it''s'\nc: \"\"\nd: '  padded  '\n"],
    ["plain text that is not a number, null or boolean", "a: 2026-10-01\nb: yes\nc: nulls\nd: True\ne: 0\nf: 42\ng: x:y\nh: a, b\ni: b#c\n"],
    ["nulls and booleans in every core-schema spelling", "a: TRUE\nb: True\nc: true\nd: FALSE\ne: False\nf: false\ng: NULL\nh: Null\ni: null\nj: ~\nk: [true, False, ~, NULL]\nl: { m: TRUE, n: null }\n"],
    ["extra spaces after dashes and colons", "a:    1\nb:\n  -    c: 1\n       d: 2\n"],
    ["a file without a final newline", "a: 1\nb: [x]"],
  ])("reads %s as yaml does", (_name, text) => {
    expect(blockParse(text)).toBeDefined();
    expectSameAsYaml(text, [blockParse]);
  });

  it.each([
    ["a tab", "a:\tb\n"],
    ["CRLF line ends", "a: b\r\n"],
    ["non-ASCII text", "a: Émail\n"],
    ["an alias", "a: &x 1\nb: *x\n"],
    ["a tag", "a: !!str 1\n"],
    ["a document marker", "---\na: 1\n"],
    ["a block scalar", "a: |\n  x\n"],
    ["a multi-line plain scalar", "a: b\n  c\n"],
    ["a multi-line quoted scalar", 'a: "b\n  c"\n'],
    ["an escape in double quotes", 'a: "b\\n"\n'],
    ["a quoted key", '"a": 1\n'],
    ["a number key", "1: a\n"],
    ["a boolean key", "true: a\n"],
    ["a duplicate key", "a: 1\na: 2\n"],
    ["a duplicate key in a flow mapping", "a: { b: 1, b: 2 }\n"],
    ["a float", "a: 1.5\n"],
    ["a negative number", "a: -1\n"],
    ["a hex number", "a: 0x1F\n"],
    ["an integer beyond 15 digits", "a: 1234567890123456\n"],
    ["a nested flow collection", "a: { b: [1] }\n"],
    ["a trailing comma", "a: [1, 2, ]\n"],
    ["a root list", "- a\n"],
    ["a root scalar", "a\n"],
    ["an empty file", "# nothing\n"],
    ["a list item holding a list", "a:\n  - - b\n"],
    ["a bad indentation", "a:\n    b: 1\n  c: 2\n"],
    ["a nested mapping on one line", "a: b: c\n"],
    ["a syntax error", "a: [1, 2\n"],
    ["a __proto__ key", "__proto__: 1\n"],
  ])("steps aside for %s", (_name, text) => {
    expect(blockParse(text)).toBeUndefined();
    expectSameAsYaml(text);
  });

  it("agrees with yaml on 400 edited examples and generated configs (data, errors and every position)", () => {
    for (const text of mutations([...EXAMPLES, GENERATED], 400, 11)) expectSameAsYaml(text, [blockParse]);
  });
});
