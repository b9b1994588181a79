import type * as z from "zod";

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  valueType?: z.ZodType;
  entries?: Record<string, string | number>;
  values?: readonly unknown[];
  options?: readonly z.ZodType[];
  in?: z.ZodType;
  getter?: () => z.ZodType;
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let def = defOf(s); ; def = defOf(s)) {
    if (def.innerType) s = def.innerType;
    else if (def.type === "pipe" && def.in) s = def.in;
    else if (def.type === "lazy" && def.getter) s = def.getter();
    else return s;
  }
}

/** The schema node at a path (indices step into arrays), or undefined. */
export function schemaAt(root: z.ZodType, path: ReadonlyArray<string | number>): z.ZodType | undefined {
  let current: z.ZodType | undefined = unwrap(root);
  for (const segment of path) {
    if (!current) return undefined;
    const def = defOf(current);
    if (def.type === "array" && def.element) current = unwrap(def.element);
    else if (def.type === "object" && def.shape && typeof segment === "string") current = Object.hasOwn(def.shape, segment) ? unwrap(def.shape[segment]!) : undefined;
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

/** The schema node of a field as declared (optional and default wrappers kept), for `placeholder`. */
export function declaredAt(root: z.ZodType, path: ReadonlyArray<string | number>): z.ZodType | undefined {
  if (path.length === 0) return root;
  const parent = schemaAt(root, path.slice(0, -1));
  if (!parent) return undefined;
  const def = defOf(parent);
  const last = path[path.length - 1]!;
  if (def.type === "array") return def.element;
  if (def.type === "object" && def.shape && typeof last === "string") return Object.hasOwn(def.shape, last) ? def.shape[last] : undefined;
  if (def.type === "record") return def.valueType;
  return undefined;
}

/**
 * A stand-in value the schema accepts: `absent` when the field may be left out, otherwise the
 * emptiest value of its type (an object gets its required fields). Undefined when none can be made.
 * The best-effort config puts these where the input is malformed; no rule result that read one is kept.
 */
export function placeholder(schema: z.ZodType): { readonly absent: true } | { readonly value: unknown } | undefined {
  if (schema.safeParse(undefined).success) return { absent: true };
  const value = emptyValue(schema, 0);
  return value !== undefined && schema.safeParse(value.value).success ? value : undefined;
}

function emptyValue(schema: z.ZodType, depth: number): { value: unknown } | undefined {
  if (depth > 32) return undefined;
  const def = defOf(schema);
  switch (def.type) {
    case "string":
      return { value: "" };
    case "number":
      return { value: 0 };
    case "boolean":
      return { value: false };
    case "null":
    case "nullable":
    case "unknown":
    case "any":
      return { value: null };
    case "enum":
      return def.entries ? { value: Object.values(def.entries)[0] } : undefined;
    case "literal":
      return def.values?.length ? { value: def.values[0] } : undefined;
    case "array":
      return { value: [] };
    case "record":
      return { value: {} };
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(def.shape ?? {})) {
        if (field.safeParse(undefined).success) continue;
        const v = emptyValue(field, depth + 1);
        if (!v) return undefined;
        out[key] = v.value;
      }
      return { value: out };
    }
    case "union":
      for (const option of def.options ?? []) {
        const v = emptyValue(option, depth + 1);
        if (v && option.safeParse(v.value).success) return v;
      }
      return undefined;
    default: {
      const inner = unwrap(schema);
      return inner === schema ? undefined : emptyValue(inner, depth + 1);
    }
  }
}
