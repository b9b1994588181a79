import { isAbsolute, resolve } from "node:path";
import { ConfigFileError, loadConfigFile, MAX_CONFIG_BYTES, parseConfigText, type LoadedConfig } from "../src/config/load";
import type { ResolvedEnvironment } from "../src/config/environments";
import type { ValidationResult } from "../src/rules/engine";
import { didYouMean } from "../src/text/suggest";
import { EXIT, ExitError, usageError } from "./errors";
import type { CliIO } from "./io";

let validator: typeof import("../src/config/environments") | undefined;

/** See cli/zod-without-jit.ts; loaded on first use, like the validator. */
export function zodWithoutJit(): void {
  (require("./zod-without-jit") as typeof import("./zod-without-jit")).zodWithoutJit();
}

/**
 * The validator (zod and every rule) is loaded once the file has been read: a file that cannot be read (too large,
 * /dev/zero, not UTF-8) fails in the time it takes to read it.
 */
function environments(): typeof import("../src/config/environments") {
  if (!validator) {
    zodWithoutJit();
    validator = require("../src/config/environments") as typeof import("../src/config/environments");
  }
  return validator;
}

/** One stack per environment (see src/config/environments.ts), with the validator loaded on first use. */
export function resolveEnvironments(loaded: LoadedConfig): ResolvedEnvironment[] {
  return environments().resolveEnvironments(loaded);
}

export function validateEnvironment(environment: ResolvedEnvironment, options: { readonly now?: Date } = {}): ValidationResult {
  return environments().validateEnvironment(environment, options);
}

/**
 * A file argument as a path to read: relative paths are taken against the command's working
 * directory (io.cwd), and kept as typed when that is the process's own (so messages show them as given).
 */
export function fileArgument(file: string, cwd: string): string {
  return isAbsolute(file) || cwd === process.cwd() ? file : resolve(cwd, file);
}

/** Loads a config file for a command; file problems become exit-2 errors naming the file and position. */
export function loadFile(file: string): LoadedConfig {
  try {
    return loadConfigFile(file);
  } catch (error) {
    if (error instanceof ConfigFileError) throw new ExitError(EXIT.usage, error.describe());
    throw error;
  }
}

/** What messages call standard input, where they would name a file. */
export const STDIN_LABEL = "<stdin>";

const stdinTaken = new WeakSet<CliIO>();

/**
 * Standard input as text, for a `-` argument: read once per run (a second `-` is a usage error), at most
 * `maxBytes` (reading stops there, so an endless pipe cannot fill memory).
 */
export async function readStdinText(io: CliIO, flag: string, maxBytes: number): Promise<string> {
  if (!io.readStdin) throw usageError(`${flag} - needs standard input, which is not available here.`);
  if (stdinTaken.has(io)) throw usageError(`${flag} -: standard input is already read by another - argument; only one argument can be -.`);
  stdinTaken.add(io);
  const text = await io.readStdin(maxBytes);
  if (Buffer.byteLength(text, "utf8") > maxBytes) throw new ExitError(EXIT.usage, `${STDIN_LABEL}: more than ${maxBytes / 1024 / 1024} MB on standard input.`);
  return text;
}

/** A config argument: a path (relative to the command's working directory), or `-` for standard input. */
export async function loadConfigArgument(arg: string, io: CliIO): Promise<LoadedConfig> {
  if (arg !== "-") return loadFile(fileArgument(arg, io.cwd));
  const text = await readStdinText(io, "config file", MAX_CONFIG_BYTES);
  try {
    return parseConfigText(text, STDIN_LABEL);
  } catch (error) {
    if (error instanceof ConfigFileError) throw new ExitError(EXIT.usage, error.describe());
    throw error;
  }
}

export interface Validated {
  readonly loaded: LoadedConfig;
  readonly result: ValidationResult;
}

/** One environment, merged and validated on its own. */
export interface ValidatedEnvironment {
  readonly environment: ResolvedEnvironment;
  readonly result: ValidationResult;
}

/** Picks environments by name; an unknown name is a usage error listing the ones the file declares. */
export function selectEnvironments(file: string, environments: readonly ResolvedEnvironment[], wanted: readonly string[]): ResolvedEnvironment[] {
  if (wanted.length === 0) return [...environments];
  const named = environments.filter((e) => e.environment !== undefined);
  return wanted.map((name) => {
    const found = named.find((e) => e.environment === name);
    if (!found) {
      const names = named.map((e) => e.environment!);
      throw usageError(
        named.length === 0
          ? `${file} declares no environments, so --env ${name} does not apply.`
          : `${file} has no environment "${name}"; it declares: ${names.join(", ")}.${didYouMean(name, names)}`,
      );
    }
    return found;
  });
}

/** Loads a file (or `-`), resolves its environments (all, or those named), and validates each on its own. */
export async function loadAndValidateEnvironments(
  arg: string,
  io: CliIO,
  wanted: readonly string[] = [],
): Promise<{ loaded: LoadedConfig; environments: ValidatedEnvironment[] }> {
  const loaded = await loadConfigArgument(arg, io);
  const selected = selectEnvironments(loaded.file, resolveEnvironments(loaded), wanted);
  return { loaded, environments: selected.map((environment) => ({ environment, result: validateEnvironment(environment, io.now ? { now: io.now() } : {}) })) };
}

/**
 * Loads and validates one config for a command that works on one stack. A file with
 * `environments:` needs `env` (or declares exactly one environment); a file without
 * them is validated as it is.
 */
export async function loadAndValidate(arg: string, io: CliIO, env?: string): Promise<Validated & { environment: ResolvedEnvironment }> {
  const loaded = await loadConfigArgument(arg, io);
  const file = loaded.file;
  const all = resolveEnvironments(loaded);
  const named = all.filter((e) => e.environment !== undefined);
  if (env === undefined && named.length > 1) {
    throw usageError(`${file} declares environments ${named.map((e) => e.environment).join(", ")}: pick one with --env NAME.`);
  }
  const [environment] = selectEnvironments(file, all, env === undefined ? [] : [env]);
  return { loaded, environment: environment!, result: validateEnvironment(environment!, io.now ? { now: io.now() } : {}) };
}
