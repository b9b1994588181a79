/**
 * The package's main entry, `genesys-email-iac`: the core (src/, no CDKTF) and the command line as a
 * function. The constructs are `genesys-email-iac/constructs`; bin/genesys-email loads cli/index.ts directly.
 */
export * from "../src";
export { main } from "./main";
export { processIO, type CliIO } from "./io";
export { EXIT } from "./errors";
