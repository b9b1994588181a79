import { readFileSync } from "node:fs";
import type { Document, Node as YamlNode } from "yaml";
import type { FieldPath } from "../model/path";
import type { SourceLocation } from "../rules/finding";
import { blockParse } from "./block-parse";
import type { FastParse } from "./fast-parse";

/** A fast reader: the data and offsets exactly as `yaml` reads them, or undefined to step aside. */
export type ParseTier = (text: string) => FastParse | undefined;

/** The js-yaml tier, loaded only when the block tier steps aside (most configs never need js-yaml). */
const jsYamlTier: ParseTier = (text) => (require("./fast-parse") as typeof import("./fast-parse")).fastParse(text);

/** The fast tiers, fastest first; `yaml` is always last. */
export const PARSE_TIERS: readonly ParseTier[] = [blockParse, jsYamlTier];

/** A config file that could not be read or parsed: one clear line, never a stack. */
export class ConfigFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = "ConfigFileError";
  }

  /** `file:line:col: message` (the compiler-style line editors jump to). */
  describe(): string {
    const where = this.line !== undefined ? `${this.file}:${this.line}:${this.column ?? 1}` : this.file;
    return `${where}: ${this.message}`;
  }
}

/** A parsed config file: plain data for validation, plus a way back to source positions. */
export interface LoadedConfig {
  readonly file: string;
  readonly data: unknown;
  /** Position of the value at a path; the nearest existing parent when the path is absent. */
  locate(path: FieldPath): SourceLocation | undefined;
}

/** Aliases are legal YAML, but an alias bomb ("billion laughs") must not expand. */
const MAX_ALIAS_COUNT = 1000;
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

export function loadConfigFile(file: string): LoadedConfig {
  let text: string;
  try {
    const buffer = readFileSync(file);
    if (buffer.length > MAX_CONFIG_BYTES) throw new ConfigFileError(file, `file is larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MB`);
    text = buffer.toString("utf8");
  } catch (error) {
    if (error instanceof ConfigFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory, not a file" : code === "EACCES" ? "permission denied" : `cannot be read (${code ?? "unknown error"})`;
    throw new ConfigFileError(file, why);
  }
  return parseConfigText(text, file);
}

/**
 * Parses YAML (or JSON, a subset of YAML 1.2) keeping source positions.
 *
 * Three tiers, each stepping aside for what it cannot read exactly as `yaml` does: the block
 * YAML config files are written in (`block-parse.ts`), then plain YAML (js-yaml events,
 * `fast-parse.ts`), then the `yaml` path, loaded only then, whose data, messages and positions
 * are the reference. Every error takes the `yaml` path.
 */
export function parseConfigText(text: string, file: string, tiers: readonly ParseTier[] = PARSE_TIERS): LoadedConfig {
  let fast: FastParse | undefined;
  for (const tier of tiers) if ((fast = tier(text))) break;
  if (!fast) return parseWithYaml(text, file);
  let lines: number[] | undefined;
  let reference: LoadedConfig | null | undefined;
  const position = (offset: number): SourceLocation => {
    lines ??= lineStarts(text);
    let low = 0;
    let high = lines.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lines[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { file, line: low + 1, column: offset - lines[low]! + 1 };
  };
  return {
    file,
    data: fast.data,
    locate(path) {
      const offset = fast.offsetOf(path);
      if (offset !== "unsure") return offset === undefined ? undefined : position(offset);
      if (reference === undefined) {
        try {
          reference = parseWithYaml(text, file);
        } catch {
          reference = null;
        }
      }
      return reference?.locate(path);
    },
  };
}

/** Offsets where each line starts (as `yaml`'s LineCounter counts them: after each \n). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** The `yaml` path alone: the reference the fast path is tested against. */
export function parseWithYaml(text: string, file: string): LoadedConfig {
  const { isMap, isSeq, isScalar, LineCounter, parseDocument } = require("yaml") as typeof import("yaml");
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true, strict: true });
  } catch (error) {
    throw new ConfigFileError(file, `YAML could not be parsed: ${(error as Error).message}`);
  }
  const problem = doc.errors[0];
  if (problem) {
    const pos = problem.linePos?.[0];
    const firstLine = problem.message.split("\n")[0] ?? problem.message;
    throw new ConfigFileError(file, `YAML syntax error: ${firstLine.replace(/ at line \d+, column \d+:?$/, "")}`, pos?.line, pos?.col);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    throw new ConfigFileError(file, `YAML could not be expanded: ${(error as Error).message}`);
  }
  if (data === null || data === undefined) throw new ConfigFileError(file, "the file is empty; expected a mapping with mailboxes:", 1, 1);
  const position = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  return {
    file,
    data,
    locate(path) {
      let node: unknown = doc.contents;
      let lastRange: [number, number, number] | undefined = (doc.contents as YamlNode | null)?.range ?? undefined;
      for (const segment of path) {
        let next: unknown;
        if (isMap(node)) {
          const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === segment);
          next = pair ? (pair.value ?? pair.key) : undefined;
        } else if (isSeq(node) && typeof segment === "number") {
          next = node.items[segment];
        }
        const range = (next as YamlNode | undefined)?.range;
        if (!range) break;
        node = next;
        lastRange = range;
      }
      return lastRange ? position(lastRange[0]) : undefined;
    },
  };
}
