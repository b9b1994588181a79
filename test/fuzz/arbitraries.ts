import fc from "fast-check";
import { validate } from "../../src/rules/engine";
import { validConfig } from "../rules/fixtures";

/**
 * Property-based tests of the validator: whatever the input, it never throws, and every rejection carries a rule
 * ID and a path (a hang fails on jest's test timeout; speed is measured in bench/, never asserted here).
 * `npm test` runs a fixed-seed sample; `npm run fuzz` runs FUZZ_RUNS (10,000+) cases per property with a random seed.
 */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
import { SEED } from "./seed";
export { SEED };
let cases = 0;

/** Counts a case that ended in a clear file error rather than findings. */
export function countCase(): void {
  cases++;
}

/** Prints the count when a fuzz file ends (npm run fuzz adds them up). */
export function reportCount(name: string): void {
  process.stdout.write(`fuzz: ${cases} cases, 0 failures (${name}, seed ${SEED})\n`);
}

export function checkResult(input: unknown): void {
  cases++;
  const result = validate(input);
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

export const weirdString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.string({ unit: fc.constantFrom("\u0000", "\u001b", "\u202e", "\ufeff", "\n", "\r", "'", '"', "$", "`", "é", "😀", "\u2028"), maxLength: 50 }),
  fc.integer({ min: 10_000, max: 200_000 }).map((n) => "x".repeat(n)),
  fc.constantFrom("__proto__", "constructor", "toString", "", " ", "SMTP", "IMAP", "GRAPH", "oauth2", "basic"),
);
export const anyValue = fc.oneof(
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

export const mutatedConfig = fc
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

