import type { z } from "zod";

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  valueType?: z.ZodType;
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let def = defOf(s); def.innerType; def = defOf(s)) s = def.innerType;
  return s;
}

/** The schema node at a path (indices step into arrays), or undefined. */
export function schemaAt(root: z.ZodType, path: ReadonlyArray<string | number>): z.ZodType | undefined {
  let current: z.ZodType | undefined = unwrap(root);
  for (const segment of path) {
    if (!current) return undefined;
    const def = defOf(current);
    if (def.type === "array" && def.element) current = unwrap(def.element);
    else if (def.type === "object" && def.shape && typeof segment === "string") current = def.shape[segment] && unwrap(def.shape[segment]);
    else if (def.type === "record" && def.valueType) current = unwrap(def.valueType);
    else return undefined;
  }
  return current;
}

/** The field names an object at this path accepts. */
export function allowedKeysAt(root: z.ZodType, path: ReadonlyArray<string | number>): string[] {
  const node = schemaAt(root, path);
  const def = node && defOf(node);
  return def?.type === "object" && def.shape ? Object.keys(def.shape) : [];
}

/** The closest allowed key by edit distance, when it is close enough to be a typo. */
export function closestKey(key: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of allowed) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3 || a.length > 64 || b.length > 64) return Infinity;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}
