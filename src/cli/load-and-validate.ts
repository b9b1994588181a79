import { ConfigFileError, loadConfigFile, type LoadedConfig } from "../config/load";
import { validate, type ValidationResult } from "../rules/engine";
import { EXIT, ExitError } from "./errors";

/** Loads a config file for a command; file problems become exit-2 errors naming the file and position. */
export function loadFile(file: string): LoadedConfig {
  try {
    return loadConfigFile(file);
  } catch (error) {
    if (error instanceof ConfigFileError) throw new ExitError(EXIT.usage, error.describe());
    throw error;
  }
}

export interface Validated {
  readonly loaded: LoadedConfig;
  readonly result: ValidationResult;
}

export function loadAndValidate(file: string): Validated {
  const loaded = loadFile(file);
  return { loaded, result: validate(loaded.data, { locate: loaded.locate }) };
}
