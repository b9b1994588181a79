import { constructFromEvents, getScalarValue, parseEvents, SCALAR_STYLE, type Event } from "js-yaml";
import type { FieldPath } from "../model/path";

/**
 * The fast path of config loading: js-yaml 5 (an event parser, ~8× faster than `yaml`'s
 * `parseDocument` on a 1,000-mailbox file) for the common file that is plain YAML, with source
 * offsets taken from its events. It gives up (returns undefined) on anything where the two
 * libraries could disagree, and `load.ts` then takes the `yaml` path, whose data, messages and
 * positions are the reference:
 * - any error (syntax, duplicate keys, an alias, an unknown tag, a complex key, an empty file);
 * - anchors, aliases, tags, directives or a byte order mark in the text (a conservative scan);
 * - data `yaml` would read differently: a `null` key (`yaml` makes it `""`), a key longer than
 *   200 characters (`yaml` refuses implicit keys over 1,024), or a string that reads as a number
 *   (js-yaml leaves an out-of-range float such as `1e400` as text; `yaml` makes it Infinity).
 * Positions it is not sure of (an empty value, a block scalar, a key that is not text) are
 * asked of the `yaml` path, parsed then.
 */
export interface FastParse {
  readonly data: unknown;
  /** Source offset of the value at a path (the nearest existing parent), or "unsure". */
  offsetOf(path: FieldPath): number | "unsure" | undefined;
}

/** `&anchor`, `*alias`, `!tag` at the start of a token, a `%` directive, a byte order mark. */
const NOT_PLAIN = /(?:^|[\s,[\]{}:])[&*!]|^%|^\uFEFF/m;
/** The YAML 1.2 core schema's numbers (int, octal, hex, float, infinity, NaN). */
const CORE_NUMBER = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
/** The core schema's nulls and booleans. */
const CORE_NULL_OR_BOOLEAN = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|)$/;
const MAX_KEY_LENGTH = 200;
const UNSURE = -1;

export function fastParse(text: string): FastParse | undefined {
  if (NOT_PLAIN.test(text)) return undefined;
  let events: Event[];
  let data: unknown;
  try {
    events = parseEvents(text, {});
    const docs = constructFromEvents(events, { source: text, maxAliases: 0 });
    if (docs.length !== 1) return undefined;
    data = docs[0];
  } catch {
    return undefined;
  }
  if (data === null || data === undefined || !readsTheSame(data)) return undefined;
  let index: IndexNode | undefined;
  return {
    data,
    offsetOf(path) {
      index ??= buildIndex(events, text);
      return offsetOf(index, path);
    },
  };
}

function readsTheSame(value: unknown): boolean {
  if (typeof value === "string") return !CORE_NUMBER.test(value);
  if (typeof value !== "object" || value === null) return true;
  if (Array.isArray(value)) return value.every(readsTheSame);
  for (const key of Object.keys(value)) {
    if (key === "null" || key.length > MAX_KEY_LENGTH) return false;
    if (!readsTheSame((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

interface IndexNode {
  /** Where `yaml` puts the node's range start; UNSURE when this index cannot say. */
  readonly start: number;
  readonly keys?: Map<string, IndexNode>;
  /** A key that is not text (`1:`, `true:`): `yaml` matches it by typed value, so ask `yaml`. */
  nonTextKeys?: boolean;
  readonly items?: IndexNode[];
}

interface Frame {
  readonly node: IndexNode;
  /** In a mapping: the key waiting for its value (null for a key that is not text). */
  pendingKey?: string | null;
  expectingValue?: boolean;
}

function scalarStart(text: string, e: Extract<Event, { type: 4 }>): number {
  if (e.valueStart < 0) return UNSURE;
  if (e.style === SCALAR_STYLE.PLAIN) return e.valueStart;
  // js-yaml's value starts inside the quotes; yaml's range starts at the quote.
  if (e.style === SCALAR_STYLE.SINGLE_QUOTED || e.style === SCALAR_STYLE.DOUBLE_QUOTED) {
    const quote = e.style === SCALAR_STYLE.SINGLE_QUOTED ? "'" : '"';
    return text[e.valueStart - 1] === quote ? e.valueStart - 1 : UNSURE;
  }
  return UNSURE;
}

function buildIndex(events: readonly Event[], text: string): IndexNode {
  const document: IndexNode = { start: UNSURE };
  const stack: Frame[] = [];
  let top: IndexNode = document;
  const attach = (node: IndexNode): void => {
    const frame = stack[stack.length - 1];
    if (!frame || frame.node === document) {
      top = node;
      return;
    }
    if (frame.node.items) {
      frame.node.items.push(node);
    } else if (frame.expectingValue) {
      if (frame.pendingKey !== null && frame.pendingKey !== undefined) frame.node.keys!.set(frame.pendingKey, node);
      frame.expectingValue = false;
    }
  };
  for (const e of events) {
    switch (e.type) {
      case 1:
        stack.push({ node: document });
        break;
      case 2:
      case 3: {
        const node: IndexNode = e.type === 2 ? { start: e.start, items: [] } : { start: e.start, keys: new Map() };
        attach(node);
        stack.push({ node });
        break;
      }
      case 4: {
        const frame = stack[stack.length - 1];
        if (frame?.node.keys && !frame.expectingValue) {
          const key = getScalarValue(text, e);
          const nonText = e.style === SCALAR_STYLE.PLAIN && (CORE_NULL_OR_BOOLEAN.test(key) || CORE_NUMBER.test(key));
          if (nonText) frame.node.nonTextKeys = true;
          frame.pendingKey = nonText ? null : key;
          frame.expectingValue = true;
        } else {
          attach({ start: scalarStart(text, e) });
        }
        break;
      }
      case 6:
        stack.pop();
        break;
      default:
        break;
    }
  }
  return top;
}

function offsetOf(root: IndexNode, path: FieldPath): number | "unsure" | undefined {
  if (root.start === UNSURE) return "unsure";
  let node = root;
  let last = root.start;
  for (const segment of path) {
    let next: IndexNode | undefined;
    if (node.keys) {
      if (node.nonTextKeys) return "unsure";
      next = typeof segment === "string" ? node.keys.get(segment) : undefined;
    } else if (node.items && typeof segment === "number") {
      next = node.items[segment];
    }
    if (!next) break;
    if (next.start === UNSURE) return "unsure";
    node = next;
    last = next.start;
  }
  return last;
}
