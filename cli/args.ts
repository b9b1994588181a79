import { parseArgs, type ParseArgsConfig } from "node:util";
import { argumentError, usageError } from "./errors";
import { didYouMean } from "../src/text/suggest";
import { quote } from "../src/text/terminal";

/** `util.parseArgs` with usage errors instead of exceptions. */
export interface ParsedArgs {
  readonly values: Record<string, string | boolean | Array<string | boolean> | undefined>;
  readonly positionals: string[];
}

type Options = NonNullable<ParseArgsConfig["options"]>;

export function parseCommandArgs(args: string[], options: Options, command: string): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as ParsedArgs["values"], positionals };
  } catch (error) {
    throw argumentError(`${command}: ${describeParseError(error as Error & { code?: string }, args, options)}`);
  }
}

/** parseArgs's message, made shorter, with "did you mean" for an unknown flag. */
function describeParseError(error: Error & { code?: string }, args: readonly string[], options: Options): string {
  const message = error.message.replace(/\. To specify a positional argument.*$/s, ".");
  if (error.code !== "ERR_PARSE_ARGS_UNKNOWN_OPTION") return message;
  const given = /'(-{1,2}[^'=]*)/.exec(error.message)?.[1] ?? args.find((a) => a.startsWith("-") && a !== "-") ?? "";
  const flags = Object.keys(options).map((name) => `--${name}`);
  return `unknown option ${quote(given, 40)}.${didYouMean(given, flags)}`;
}

/** A string flag's value (parseArgs types are wide; this narrows with a usage error). */
export function stringFlag(values: ParsedArgs["values"], name: string): string | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return stringFlag({ [name]: v[v.length - 1] }, name);
  throw argumentError(`--${name} needs a value.`);
}

export function stringFlags(values: ParsedArgs["values"], name: string): string[] {
  const v = values[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string");
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw usageError(`${flag} must be one of ${allowed.join(", ")}; ${quote(value, 40)} given.${didYouMean(value, allowed)}`);
}
