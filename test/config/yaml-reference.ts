// The reference for the fast YAML tiers: `yaml` itself. Each tier must read a file exactly as the
// `yaml` path does (data, errors, the position of every field path) or step aside.
import { ConfigFileError, parseConfigText, parseWithYaml, PARSE_TIERS, type LoadedConfig, type ParseTier } from "../../src/config/load";
import type { FieldPath } from "../../src/model/path";

export function read(fn: () => LoadedConfig): LoadedConfig | string {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ConfigFileError) return e.describe();
    throw e;
  }
}

/** Numbers as text, so NaN, Infinity and -0 compare too. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === "number" ? `n:${Object.is(v, -0) ? "-0" : String(v)}` : v));
}

export function paths(value: unknown, path: FieldPath = [], out: FieldPath[] = []): FieldPath[] {
  out.push(path, [...path, "absent"], [...path, 0]);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...path, i], out));
  else if (typeof value === "object" && value !== null) for (const k of Object.keys(value)) paths((value as Record<string, unknown>)[k], [...path, k], out);
  return out;
}

/** Loading with these tiers (default: all) reads the text as `yaml` does: data, error, every position. */
export function expectSameAsYaml(text: string, tiers: readonly ParseTier[] = PARSE_TIERS): void {
  const reference = read(() => parseWithYaml(text, "c.yaml"));
  const loaded = read(() => parseConfigText(text, "c.yaml", tiers));
  if (typeof reference === "string" || typeof loaded === "string") {
    expect(loaded).toEqual(reference);
    return;
  }
  expect(canonical(loaded.data)).toBe(canonical(reference.data));
  const all = paths(reference.data);
  expect(JSON.stringify(all.map((p) => loaded.locate(p)))).toBe(JSON.stringify(all.map((p) => reference.locate(p))));
}

/** Deterministic edits (deletions, insertions of YAML syntax, copied slices) of the sources. */
export function mutations(sources: readonly string[], count: number, seed = 7): string[] {
  const pieces = [" ", "\n", ":", "- ", '"', "'", "{", "}", "[", "]", ",", "#", "|", ">", "a", "1", "0x1F", "~", "null", "\t", "? ", "1e400", ".inf", "true", "&a ", "*a", "!!str ", "%"];
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let t = sources[i % sources.length]!;
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
