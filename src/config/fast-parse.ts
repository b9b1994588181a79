import { constructFromEvents, EVENT_ID, getScalarValue, parseEvents, SCALAR_STYLE, type Event } from "js-yaml";
import type { FieldPath } from "../model/path";
import { CORE_NULL_OR_BOOLEAN, CORE_NUMBER, MAX_FAST_KEY_LENGTH, NOT_PLAIN } from "./yaml-core";

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
  let ends: Int32Array | undefined;
  return {
    data,
    offsetOf(path) {
      ends ??= subtreeEnds(events);
      return offsetOf(events, ends, text, path);
    },
  };
}

function readsTheSame(value: unknown): boolean {
  if (typeof value === "string") return !CORE_NUMBER.test(value);
  if (typeof value !== "object" || value === null) return true;
  if (Array.isArray(value)) return value.every(readsTheSame);
  for (const key of Object.keys(value)) {
    if (key === "null" || key.length > MAX_FAST_KEY_LENGTH) return false;
    if (!readsTheSame((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/** For each event, the index just past its subtree (a collection's POP, or the next event). */
function subtreeEnds(events: readonly Event[]): Int32Array {
  const ends = new Int32Array(events.length);
  const open: number[] = [];
  for (let i = 0; i < events.length; i++) {
    const type = events[i]!.type;
    if (type === EVENT_ID.DOCUMENT || type === EVENT_ID.SEQUENCE || type === EVENT_ID.MAPPING) open.push(i);
    else if (type === EVENT_ID.POP) ends[open.pop()!] = i + 1;
    else ends[i] = i + 1;
  }
  return ends;
}

/** Where `yaml` starts the node of event i: UNSURE for what this path cannot place exactly. */
function startOf(text: string, e: Event): number {
  if (e.type === EVENT_ID.SEQUENCE || e.type === EVENT_ID.MAPPING) return e.start;
  if (e.type !== EVENT_ID.SCALAR || e.valueStart < 0) return UNSURE;
  if (e.style === SCALAR_STYLE.PLAIN) return e.valueStart;
  // js-yaml's value starts inside the quotes; yaml's range starts at the quote.
  if (e.style === SCALAR_STYLE.SINGLE_QUOTED || e.style === SCALAR_STYLE.DOUBLE_QUOTED) {
    const quote = e.style === SCALAR_STYLE.SINGLE_QUOTED ? "'" : '"';
    return text[e.valueStart - 1] === quote ? e.valueStart - 1 : UNSURE;
  }
  return UNSURE;
}

/** Walks the events along a path, as `yaml`'s locate walks its nodes (the nearest existing parent when the path is absent). */
function offsetOf(events: readonly Event[], ends: Int32Array, text: string, path: FieldPath): number | "unsure" | undefined {
  let i = 1; // events[0] opens the document; its content follows
  if (!events[i] || events[i]!.type === EVENT_ID.POP) return undefined;
  let last = startOf(text, events[i]!);
  if (last === UNSURE) return "unsure";
  for (const segment of path) {
    const e = events[i]!;
    let next = -1;
    if (e.type === EVENT_ID.MAPPING) {
      for (let key = i + 1; events[key]!.type !== EVENT_ID.POP; key = ends[key + 1]!) {
        const k = events[key]!;
        if (k.type !== EVENT_ID.SCALAR) return "unsure";
        const name = getScalarValue(text, k);
        // A key that is not text (`1:`, `true:`): yaml matches it by typed value, so ask yaml.
        if (k.style === SCALAR_STYLE.PLAIN && (CORE_NULL_OR_BOOLEAN.test(name) || CORE_NUMBER.test(name))) return "unsure";
        if (next === -1 && name === segment) next = key + 1;
      }
    } else if (e.type === EVENT_ID.SEQUENCE && typeof segment === "number") {
      let item = i + 1;
      for (let n = 0; n < segment && events[item]!.type !== EVENT_ID.POP; n++) item = ends[item]!;
      if (events[item]!.type !== EVENT_ID.POP) next = item;
    }
    if (next === -1) break;
    const start = startOf(text, events[next]!);
    if (start === UNSURE) return "unsure";
    i = next;
    last = start;
  }
  return last;
}
