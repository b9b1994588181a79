// The fast path (js-yaml events) must read every file exactly as the `yaml` path does: the same
// data, the same errors, the same positions for every field path; else it must step aside.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigFileError, parseConfigText, parseWithYaml, type LoadedConfig } from "../../src/config/load";
import { fastParse } from "../../src/config/fast-parse";
import type { FieldPath } from "../../src/model/path";

const EXAMPLES = ["contact-center.yaml", "environments.yaml"].map((f) => readFileSync(join(__dirname, "../../examples", f), "utf8"));

function read(fn: () => LoadedConfig): LoadedConfig | string {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ConfigFileError) return e.describe();
    throw e;
  }
}

/** Numbers as text, so NaN, Infinity and -0 compare too. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === "number" ? `n:${Object.is(v, -0) ? "-0" : String(v)}` : v));
}

function paths(value: unknown, path: FieldPath = [], out: FieldPath[] = []): FieldPath[] {
  out.push(path, [...path, "absent"], [...path, 0]);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...path, i], out));
  else if (typeof value === "object" && value !== null) for (const k of Object.keys(value)) paths((value as Record<string, unknown>)[k], [...path, k], out);
  return out;
}

function expectSameAsYaml(text: string): void {
  const reference = read(() => parseWithYaml(text, "c.yaml"));
  const loaded = read(() => parseConfigText(text, "c.yaml"));
  if (typeof reference === "string" || typeof loaded === "string") {
    expect(loaded).toEqual(reference);
    return;
  }
  expect(canonical(loaded.data)).toBe(canonical(reference.data));
  const all = paths(reference.data);
  expect(JSON.stringify(all.map((p) => loaded.locate(p)))).toBe(JSON.stringify(all.map((p) => reference.locate(p))));
}

/** Deterministic edits (deletions, insertions of YAML syntax, copied slices) of the examples. */
function mutations(count: number): string[] {
  const pieces = [" ", "\n", ":", "- ", '"', "'", "{", "}", "[", "]", ",", "#", "|", ">", "a", "1", "0x1F", "~", "null", "\t", "? ", "1e400", ".inf", "true", "&a ", "*a", "!!str ", "%"];
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let t = EXAMPLES[i % EXAMPLES.length]!;
    for (let edits = 1 + next(3); edits > 0; edits--) {
      const at = next(t.length);
      const op = next(3);
      if (op === 0) t = t.slice(0, at) + t.slice(at + 1 + next(5));
      else if (op === 1) t = t.slice(0, at) + pieces[next(pieces.length)]! + t.slice(at);
      else {
        const from = next(t.length);
        t = t.slice(0, at) + t.slice(from, from + next(20)) + t.slice(at);
      }
    }
    out.push(t);
  }
  return out;
}

describe("the fast YAML path", () => {
  // yaml warns (process.emitWarning) when it stringifies a collection key; expected here.
  beforeAll(() => jest.spyOn(process, "emitWarning").mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  it("reads the examples, with the same data and positions as yaml", () => {
    for (const text of EXAMPLES) {
      expect(fastParse(text)).toBeDefined();
      expectSameAsYaml(text);
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
    expectSameAsYaml(text);
  });

  it.each([
    ["quoted values", "a:\n  b: \"x\"\n  c: 'y'\n  f: [ \"q\", 'r' ]\n  g: { h: \"i\" }\n"],
    ["empty values and block scalars", "a:\n  d: |\n    z\n  e:\n  f: >\n    folded\nb:\n  -\n  - c\n"],
    ["keys that are not text", "1: a\ntrue: b\nc: 1\n"],
    ["CRLF line ends", "k: v\r\nl:\r\n  - 1\r\n  - \"2x\"\r\n"],
    ["JSON", '{"a": {"b": [1, "c", {"d": null}]}}'],
  ])("locates %s as yaml does", (_name, text) => {
    expectSameAsYaml(text);
  });

  it("agrees with yaml on 200 edited examples (data, errors and every position)", () => {
    for (const text of mutations(200)) expectSameAsYaml(text);
  });
});
