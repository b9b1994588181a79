import type { Document, Node as YamlNode } from "yaml";
import type { FieldPath } from "../model/path";
import type { SourceLocation } from "../rules/finding";
import { ConfigFileError } from "./file-error";
import { decodeConfigText, readConfigBytes, type ReadLimits } from "./read";

export { ConfigFileError };
export { MAX_CONFIG_BYTES } from "./read";

/** A parsed config file: plain data for validation, plus a way back to source positions. */
export interface LoadedConfig {
  readonly file: string;
  readonly data: unknown;
  /** Position of the value at a path (with `"key"`, of its key); the nearest existing parent when the path is absent. */
  locate(path: FieldPath, part?: "key"): SourceLocation | undefined;
}

/** Aliases are legal YAML, but an alias bomb ("billion laughs") must not expand. */
const MAX_ALIAS_COUNT = 1000;
/**
 * Reads and parses a config file. The read is bounded (size, and a writer timeout for a FIFO) and the text must be
 * UTF-8: see read.ts.
 */
export function loadConfigFile(file: string, limits?: ReadLimits): LoadedConfig {
  return parseConfigText(decodeConfigText(readConfigBytes(file, limits), file), file);
}

/**
 * Parses YAML (or JSON, a subset of YAML 1.2) with `yaml`, keeping source positions for messages.
 * `yaml` is loaded on first use, so commands that never read a config don't pay for it.
 */
export function parseConfigText(text: string, file: string): LoadedConfig {
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
    locate(path, part) {
      let node: unknown = doc.contents;
      let lastRange: [number, number, number] | undefined = (doc.contents as YamlNode | null)?.range ?? undefined;
      for (const [i, segment] of path.entries()) {
        let next: unknown;
        if (isMap(node)) {
          const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === segment);
          next = pair ? (part === "key" && i === path.length - 1 ? pair.key : (pair.value ?? pair.key)) : undefined;
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
