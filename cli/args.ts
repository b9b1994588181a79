import { parseArgs, type ParseArgsConfig } from "node:util";
import { usageError } from "./errors";

/** `util.parseArgs` with usage errors instead of exceptions. */
export interface ParsedArgs {
  readonly values: Record<string, string | boolean | Array<string | boolean> | undefined>;
  readonly positionals: string[];
}

export function parseCommandArgs(args: string[], options: NonNullable<ParseArgsConfig["options"]>, command: string): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as ParsedArgs["values"], positionals };
  } catch (error) {
    throw usageError(`${command}: ${(error as Error).message.replace(/\. To specify a positional argument.*$/s, ".")}`);
  }
}

/** A string flag's value (parseArgs types are wide; this narrows with a usage error). */
export function stringFlag(values: ParsedArgs["values"], name: string): string | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return stringFlag({ [name]: v[v.length - 1] }, name);
  throw usageError(`--${name} needs a value.`);
}

export function stringFlags(values: ParsedArgs["values"], name: string): string[] {
  const v = values[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string");
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw usageError(`${flag} must be one of ${allowed.join(", ")}; "${value}" given.`);
}
