// The fast path (js-yaml events) must read every file exactly as the `yaml` path does: the same
// data, the same errors, the same positions for every field path; else it must step aside.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fastParse } from "../../src/config/fast-parse";
import { expectSameAsYaml, mutations } from "./yaml-reference";

const EXAMPLES = ["contact-center.yaml", "environments.yaml"].map((f) => readFileSync(join(__dirname, "../../examples", f), "utf8"));

describe("the fast YAML path", () => {
  // yaml warns (process.emitWarning) when it stringifies a collection key; expected here.
  beforeAll(() => jest.spyOn(process, "emitWarning").mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  it("reads the examples, with the same data and positions as yaml", () => {
    for (const text of EXAMPLES) {
      expect(fastParse(text)).toBeDefined();
      expectSameAsYaml(text, [fastParse]);
    }
  });

  it.each([
    ["an alias", "a: &x 1\nb: *x\n"],
    ["a tag", "a: !!float 1\n"],
    ["a null key", "~: x\n"],
    ["a quoted number", 'a: "993"\n'],
    ["an out-of-range float", "a: 1e400\n"],
    ["a complex key", "[a, b]: x\n"],
    ["a duplicate key", "a: 1\na: 2\n"],
    ["a syntax error", "a: [1, 2\n"],
    ["an empty file", "# nothing\n"],
    ["a byte order mark", "\uFEFFa: 1\n"],
    ["a directive", "%YAML 1.2\n---\na: 1\n"],
    ["a long key", `${"k".repeat(1100)}: 1\n`],
  ])("steps aside for %s", (_name, text) => {
    expect(fastParse(text)).toBeUndefined();
    expectSameAsYaml(text, [fastParse]);
  });

  it.each([
    ["quoted values", "a:\n  b: \"x\"\n  c: 'y'\n  f: [ \"q\", 'r' ]\n  g: { h: \"i\" }\n"],
    ["empty values and block scalars", "a:\n  d: |\n    z\n  e:\n  f: >\n    folded\nb:\n  -\n  - c\n"],
    ["keys that are not text", "1: a\ntrue: b\nc: 1\n"],
    ["CRLF line ends", "k: v\r\nl:\r\n  - 1\r\n  - \"2x\"\r\n"],
    ["JSON", '{"a": {"b": [1, "c", {"d": null}]}}'],
  ])("locates %s as yaml does", (_name, text) => {
    expectSameAsYaml(text, [fastParse]);
  });

  it("agrees with yaml on 200 edited examples (data, errors and every position)", () => {
    for (const text of mutations(EXAMPLES, 200)) expectSameAsYaml(text, [fastParse]);
  });
});
