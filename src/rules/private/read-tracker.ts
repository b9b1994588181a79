import type { FieldPath } from "../../model/path";

const SEP = "\u0000";
const enc = (segment: string | number) => (typeof segment === "number" ? `#${segment}` : `.${segment}`);

/** Field paths whose values are malformed in the input (stand-ins took their place in the best-effort config). */
export class MalformedPaths {
  private readonly keys = new Set<string>();
  /** Paths with a malformed direct child: their list of keys is not the input's. */
  private readonly parents = new Set<string>();

  static key(path: FieldPath): string {
    return path.map(enc).join(SEP);
  }

  add(path: FieldPath): void {
    this.keys.add(MalformedPaths.key(path));
    if (path.length > 0) this.parents.add(MalformedPaths.key(path.slice(0, -1)));
  }

  get size(): number {
    return this.keys.size;
  }

  /** The key itself, for the tracker, which builds keys one segment at a time. */
  hasKey(key: string): boolean {
    return this.keys.has(key);
  }

  hasParentKey(key: string): boolean {
    return this.parents.has(key);
  }

  /** Whether the path is malformed, inside a malformed value, or holds one (a mapping whose field is malformed). */
  overlaps(path: FieldPath): boolean {
    const whole = MalformedPaths.key(path);
    for (const key of this.keys) if (key === whole || whole.startsWith(`${key}${SEP}`) || key.startsWith(`${whole}${SEP}`) || whole === "") return true;
    return false;
  }
}

/**
 * A read-only view of a best-effort config that notes whether anything read from it was malformed: a rule
 * run over the view is trusted only when it never read a stand-in. Deriving what a rule reads (rather than
 * each rule declaring it) keeps a new rule right without extra upkeep, and is exact for the input at hand:
 * a rule's result depends only on the values it read.
 */
export function trackReads<T extends object>(root: T, malformed: MalformedPaths): { readonly view: T; touchedMalformed(): boolean } {
  let touched = false;
  const proxies = new Map<string, object>();
  const node = (target: object, key: string, covered: boolean): object => {
    const cached = proxies.get(key);
    if (cached) return cached;
    const childKey = (prop: string | symbol): { key: string; covered: boolean } | undefined => {
      if (typeof prop === "symbol") return undefined;
      const segment = Array.isArray(target) && /^(0|[1-9]\d*)$/.test(prop) ? Number(prop) : prop;
      const k = key === "" ? enc(segment) : `${key}${SEP}${enc(segment)}`;
      return { key: k, covered: covered || malformed.hasKey(k) };
    };
    const proxy = new Proxy(target, {
      get(t, prop, receiver) {
        const value: unknown = Reflect.get(t, prop, receiver);
        const child = childKey(prop);
        if (!child || (Array.isArray(t) && prop === "length")) return value;
        if (child.covered) touched = true;
        return typeof value === "object" && value !== null && Object.hasOwn(t, prop) ? node(value, child.key, child.covered) : value;
      },
      has(t, prop) {
        const child = childKey(prop);
        if (child?.covered) touched = true;
        return Reflect.has(t, prop);
      },
      ownKeys(t) {
        if (covered || malformed.hasParentKey(key)) touched = true;
        return Reflect.ownKeys(t);
      },
      set: () => false,
      deleteProperty: () => false,
      defineProperty: () => false,
    });
    proxies.set(key, proxy);
    return proxy;
  };
  return { view: node(root, "", malformed.hasKey("")) as T, touchedMalformed: () => touched };
}
