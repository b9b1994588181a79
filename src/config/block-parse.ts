import type { FieldPath } from "../model/path";
import type { FastParse } from "./fast-parse";
import { CORE_NULL_OR_BOOLEAN, CORE_NUMBER, MAX_FAST_KEY_LENGTH, NOT_PLAIN } from "./yaml-core";

/**
 * The first tier of config loading: a line parser for the block YAML that config files are
 * written in (mappings, `- ` lists, one-line `{ }` / `[ ]`, plain and quoted one-line scalars,
 * comments). It is ~2.5× faster than js-yaml's event parser in a fresh process, which is what a
 * CLI run is: the benchmark's 1,000-mailbox file takes ~55 ms instead of ~140 ms.
 *
 * It only accepts what it reads exactly as `yaml` does, and steps aside (undefined) on anything
 * else: `fast-parse.ts` (js-yaml) and then `yaml` itself take over, the reference for data, errors
 * and positions. Stepping aside happens on: characters other than printable ASCII and newlines
 * (tabs, CR, Unicode), anchors/aliases/tags/directives, document markers, block scalars, multi-line
 * scalars or flow collections, nested flow collections, quoted keys, escapes in double quotes,
 * keys that are not plain text (numbers, booleans, null) or repeated, numbers other than plain
 * integers, a root that is not a mapping, and every indentation or syntax error.
 */

/** Anything but printable ASCII and \n. */
const NOT_SIMPLE_TEXT = /[^\n\x20-\x7e]/;
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?:[ ]|$)/m;
/** Integers every YAML reader turns into the same JavaScript number. */
const SAFE_INTEGER = /^(?:0|[1-9][0-9]{0,14})$/;
const CORE_NULL = /^(?:~|null|Null|NULL)$/;
const CORE_TRUE = /^(?:true|True|TRUE)$/;
const CORE_FALSE = /^(?:false|False|FALSE)$/;
/** Characters a plain key or value may not start with (YAML's indicators), by char code. */
const INDICATORS = new Uint8Array(128);
for (const c of "-?:,[]{}#&*!|>'\"%@`") INDICATORS[c.charCodeAt(0)] = 1;
const isIndicator = (c: number): boolean => INDICATORS[c] === 1;
/** An empty value: where `yaml` puts it is for `yaml` to say. */
const UNSURE = -1;

class StepAside extends Error {}
const stepAside = (): never => {
  throw new StepAside();
};

type Container = Record<string, unknown> | unknown[];

interface Frame {
  readonly kind: "map" | "seq";
  /** Column of the keys (map) or of the dashes (seq). */
  readonly indent: number;
  readonly node: Container;
  /** Source offset of each child's node, in key / index order. */
  readonly offsets: number[];
}

/** A key or list item whose value is on the following lines (or is empty). */
interface Pending {
  readonly frame: Frame;
  readonly key: string | undefined;
  /** The column of the key, or of the dash. */
  readonly indent: number;
}

export function blockParse(text: string): FastParse | undefined {
  if (NOT_SIMPLE_TEXT.test(text) || NOT_PLAIN.test(text) || DOCUMENT_MARKER.test(text)) return undefined;
  try {
    return new BlockParser(text).parse();
  } catch (error) {
    if (error instanceof StepAside) return undefined;
    throw error;
  }
}

class BlockParser {
  private readonly stack: Frame[] = [];
  // A Map, not a WeakMap: thousands of ephemerons made garbage collection the parser's largest cost.
  private readonly offsets = new Map<Container, number[]>();
  private pending: Pending | undefined;
  /** After a value on the key's own line, no deeper line may follow (a continuation, or an error). */
  private inlineValueIndent = -1;
  private root: Frame | undefined;
  private rootOffset = 0;

  constructor(private readonly text: string) {}

  parse(): FastParse {
    const text = this.text;
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf("\n", start);
      if (end === -1) end = text.length;
      let p = start;
      while (p < end && text.charCodeAt(p) === 32) p++;
      if (p < end && text.charCodeAt(p) !== 35 /* # */) this.line(p - start, p, end);
      start = end + 1;
    }
    if (this.pending) this.resolvePendingAsEmpty();
    const root = this.root ?? stepAside();
    const data = root.node;
    const offsets = this.offsets;
    const rootOffset = this.rootOffset;
    return {
      data,
      offsetOf(path: FieldPath) {
        let node: unknown = data;
        let last = rootOffset;
        for (const segment of path) {
          if (typeof node !== "object" || node === null) break;
          let index: number;
          if (Array.isArray(node)) {
            if (typeof segment !== "number" || !Number.isInteger(segment) || segment < 0 || segment >= node.length) break;
            index = segment;
          } else {
            if (typeof segment !== "string" || !Object.prototype.hasOwnProperty.call(node, segment)) break;
            index = Object.keys(node).indexOf(segment);
          }
          const offset = offsets.get(node as Container)![index]!;
          if (offset === UNSURE) return "unsure";
          last = offset;
          node = Array.isArray(node) ? node[index] : (node as Record<string, unknown>)[segment];
        }
        return last;
      },
    };
  }

  /** One line with content: `indent` spaces, content from `p` to `end` (not a comment line). */
  private line(indent: number, p: number, end: number): void {
    const text = this.text;
    const isItem = text.charCodeAt(p) === 45 /* - */ && (p + 1 === end || text.charCodeAt(p + 1) === 32);
    if (this.inlineValueIndent >= 0 && indent > this.inlineValueIndent) stepAside();
    this.inlineValueIndent = -1;

    if (this.pending) {
      const { frame, indent: at } = this.pending;
      if (indent > at || (indent === at && isItem && frame.kind === "map")) {
        const child: Frame = isItem ? this.open("seq", indent, []) : this.open("map", indent, {});
        this.attach(this.pending, child.node, p);
        this.pending = undefined;
        this.stack.push(child);
      } else {
        this.resolvePendingAsEmpty();
      }
    }

    if (!this.root) {
      if (isItem) stepAside();
      this.root = this.open("map", indent, {});
      this.rootOffset = p;
      this.stack.push(this.root);
    }

    let top = this.stack[this.stack.length - 1]!;
    while (top.indent > indent || (top.kind === "seq" && top.indent === indent && !isItem)) {
      this.stack.pop();
      top = this.stack[this.stack.length - 1] ?? stepAside();
    }
    if (top.indent !== indent) stepAside();

    if (top.kind === "seq") {
      if (!isItem) stepAside();
      this.item(top, indent, p, end);
    } else {
      if (isItem) stepAside();
      this.entry(top, indent, p, end);
    }
  }

  private open(kind: "map" | "seq", indent: number, node: Container): Frame {
    const offsets: number[] = [];
    this.offsets.set(node, offsets);
    return { kind, indent, node, offsets };
  }

  private attach(target: { frame: Frame; key: string | undefined }, value: unknown, offset: number): void {
    const { frame, key } = target;
    if (frame.kind === "seq") (frame.node as unknown[]).push(value);
    else (frame.node as Record<string, unknown>)[key!] = value;
    frame.offsets.push(offset);
  }

  private resolvePendingAsEmpty(): void {
    this.attach(this.pending!, null, UNSURE);
    this.pending = undefined;
  }

  /** `- ...` in a list at `indent`. */
  private item(frame: Frame, indent: number, p: number, end: number): void {
    const text = this.text;
    let q = p + 1;
    while (q < end && text.charCodeAt(q) === 32) q++;
    if (q === end || (text.charCodeAt(q) === 35 && q > p + 1)) {
      this.pending = { frame, key: undefined, indent };
      return;
    }
    if (text.charCodeAt(q) === 45 && (q + 1 === end || text.charCodeAt(q + 1) === 32)) stepAside(); // - - x
    if (this.keyEnd(q, end) !== -1) {
      // `- key: value`: a mapping whose keys sit at the column of this first key.
      const map = this.open("map", q - (p - indent), {});
      this.attach({ frame, key: undefined }, map.node, q);
      this.stack.push(map);
      this.entry(map, map.indent, q, end);
      return;
    }
    const value = this.value(q, end);
    this.attach({ frame, key: undefined }, value, q);
    this.inlineValueIndent = indent;
  }

  /** `key: value` or `key:` in a mapping, the key at column `indent`, offset p. */
  private entry(frame: Frame, indent: number, p: number, end: number): void {
    const text = this.text;
    const colon = this.keyEnd(p, end);
    if (colon === -1) stepAside();
    const key = this.plainKey(p, colon);
    const map = frame.node as Record<string, unknown>;
    if (Object.prototype.hasOwnProperty.call(map, key)) stepAside();
    let v = colon + 1;
    while (v < end && text.charCodeAt(v) === 32) v++;
    if (v === end || text.charCodeAt(v) === 35 /* # after a space */) {
      this.pending = { frame, key, indent };
      return;
    }
    this.attach({ frame, key }, this.value(v, end), v);
    this.inlineValueIndent = indent;
  }

  /** The `:` ending a plain key that starts at p (followed by a space or the line's end), or -1. */
  private keyEnd(p: number, end: number): number {
    const text = this.text;
    if (isIndicator(text.charCodeAt(p))) return -1;
    for (let i = p; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 58 /* : */ && (i + 1 === end || text.charCodeAt(i + 1) === 32)) return i;
      if (c === 35 /* # */ && text.charCodeAt(i - 1) === 32) return -1;
    }
    return -1;
  }

  private plainKey(p: number, colon: number): string {
    const key = this.text.slice(p, colon);
    if (key.length === 0 || key.length > MAX_FAST_KEY_LENGTH || key.endsWith(" ") || key === "__proto__") stepAside();
    if (CORE_NUMBER.test(key) || CORE_NULL_OR_BOOLEAN.test(key)) stepAside();
    return key;
  }

  /** A value on one line, from v; the rest of the line may only be spaces and a comment. */
  private value(v: number, end: number): unknown {
    const text = this.text;
    const c = text.charCodeAt(v);
    let after: number;
    let value: unknown;
    if (c === 34 /* " */ || c === 39 /* ' */) {
      [value, after] = this.quoted(v, end);
    } else if (c === 123 /* { */) {
      [value, after] = this.flowMap(v, end);
    } else if (c === 91 /* [ */) {
      [value, after] = this.flowSeq(v, end);
    } else {
      // `-x`, `?x`, `:x` are plain text; any other indicator is syntax this tier leaves alone.
      if (isIndicator(c) && !((c === 45 || c === 63 || c === 58) && v + 1 < end && text.charCodeAt(v + 1) !== 32)) stepAside();
      let stop = v;
      while (stop < end && !(text.charCodeAt(stop) === 35 && text.charCodeAt(stop - 1) === 32)) stop++;
      let last = stop;
      while (last > v && text.charCodeAt(last - 1) === 32) last--;
      const plain = text.slice(v, last);
      if (plain.includes(": ") || plain.endsWith(":")) stepAside();
      return resolvePlain(plain);
    }
    this.restIsComment(after, end);
    return value;
  }

  private restIsComment(from: number, end: number): void {
    const text = this.text;
    let i = from;
    while (i < end && text.charCodeAt(i) === 32) i++;
    if (i < end && !(text.charCodeAt(i) === 35 && i > from)) stepAside();
  }

  /** A one-line quoted scalar at v: [value, offset after the closing quote]. */
  private quoted(v: number, end: number): [string, number] {
    const text = this.text;
    if (text[v] === '"') {
      const close = text.indexOf('"', v + 1);
      if (close === -1 || close >= end) stepAside();
      const body = text.slice(v + 1, close);
      if (body.includes("\\")) stepAside();
      return [body, close + 1];
    }
    let i = v + 1;
    for (;;) {
      const close = text.indexOf("'", i);
      if (close === -1 || close >= end) stepAside();
      if (text.charCodeAt(close + 1) === 39) {
        i = close + 2;
        continue;
      }
      return [text.slice(v + 1, close).replace(/''/g, "'"), close + 1];
    }
  }

  /** `{ key: value, ... }` on one line, scalars only. */
  private flowMap(v: number, end: number): [Record<string, unknown>, number] {
    const text = this.text;
    const map: Record<string, unknown> = {};
    const offsets: number[] = [];
    this.offsets.set(map, offsets);
    let i = this.skipSpaces(v + 1, end);
    if (text[i] === "}") return [map, i + 1];
    for (;;) {
      // key
      const keyStart = i;
      if (i >= end || isIndicator(text.charCodeAt(i))) stepAside();
      while (i < end && !isFlowKeyStop(text.charCodeAt(i))) i++;
      if (text[i] !== ":" || text.charCodeAt(i + 1) !== 32) stepAside();
      const key = this.plainKey(keyStart, i);
      if (Object.prototype.hasOwnProperty.call(map, key)) stepAside();
      i = this.skipSpaces(i + 1, end);
      const [value, after] = this.flowScalar(i, end);
      map[key] = value;
      offsets.push(i);
      i = this.skipSpaces(after, end);
      if (text[i] === "}") return [map, i + 1];
      if (text[i] !== ",") stepAside();
      i = this.skipSpaces(i + 1, end);
      if (text[i] === "}") stepAside(); // a trailing comma
    }
  }

  /** `[ value, ... ]` on one line, scalars only. */
  private flowSeq(v: number, end: number): [unknown[], number] {
    const text = this.text;
    const seq: unknown[] = [];
    const offsets: number[] = [];
    this.offsets.set(seq, offsets);
    let i = this.skipSpaces(v + 1, end);
    if (text[i] === "]") return [seq, i + 1];
    for (;;) {
      const [value, after] = this.flowScalar(i, end);
      seq.push(value);
      offsets.push(i);
      i = this.skipSpaces(after, end);
      if (text[i] === "]") return [seq, i + 1];
      if (text[i] !== ",") stepAside();
      i = this.skipSpaces(i + 1, end);
      if (text[i] === "]") stepAside();
    }
  }

  /** A scalar inside `{ }` or `[ ]`: quoted, or plain up to `,`, `}` or `]`. */
  private flowScalar(i: number, end: number): [unknown, number] {
    const text = this.text;
    if (text[i] === '"' || text[i] === "'") return this.quoted(i, end);
    if (i >= end || isIndicator(text.charCodeAt(i))) stepAside();
    let j = i;
    for (let c = text.charCodeAt(j); j < end && !isFlowValueStop(c); c = text.charCodeAt(++j)) {
      if (c === 58 /* : */ && (j + 1 === end || isFlowColonStop(text.charCodeAt(j + 1)))) stepAside();
    }
    let last = j;
    while (last > i && text.charCodeAt(last - 1) === 32) last--;
    if (last === i) stepAside();
    return [resolvePlain(text.slice(i, last)), last];
  }

  private skipSpaces(i: number, end: number): number {
    while (i < end && this.text.charCodeAt(i) === 32) i++;
    return i;
  }
}

/** `:` `,` `[` `]` `{` `}` `#`: where a key inside `{ }` ends (or goes wrong). */
function isFlowKeyStop(c: number): boolean {
  return c === 58 || c === 44 || c === 91 || c === 93 || c === 123 || c === 125 || c === 35;
}

/** `,` `[` `]` `{` `}` `#` `"` `'`: where a plain scalar inside `{ }` or `[ ]` ends (or goes wrong). */
function isFlowValueStop(c: number): boolean {
  return c === 44 || c === 91 || c === 93 || c === 123 || c === 125 || c === 35 || c === 34 || c === 39;
}

/** After a `:` inside a flow scalar: a space, `,` or a bracket would make it an indicator. */
function isFlowColonStop(c: number): boolean {
  return c === 32 || c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
}

/** A plain scalar under the YAML 1.2 core schema, or step aside where readers could differ. */
function resolvePlain(plain: string): unknown {
  if (plain.length === 0) stepAside();
  const c = plain.charCodeAt(0);
  // Only text starting with a digit, a sign, a dot, ~, n/N, t/T or f/F can be anything but a string.
  if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46) {
    if (SAFE_INTEGER.test(plain)) return Number(plain);
    if (CORE_NUMBER.test(plain)) stepAside();
    return plain;
  }
  if (CORE_NULL.test(plain)) return null;
  if (CORE_TRUE.test(plain)) return true;
  if (CORE_FALSE.test(plain)) return false;
  return plain;
}
