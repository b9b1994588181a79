/** The CDKTF layer: thin constructs over the core in src/ (which never imports CDKTF). */
export { GenesysEmail, OUTPUT_NAMES, type GenesysEmailProps, type GenesysEmailOutputs, type ConfigSource } from "./genesys-email";
export { GenesysEmailStack, type GenesysEmailStackProps } from "./genesys-email-stack";
export { GenesysEmailConfigError, type GenesysEmailConfigErrorOptions } from "./errors";
export { ExchangeOAuthApplication, type ExchangeOAuthApplicationProps, type ClientSecretRotation, type ClientSecretSlot } from "./exchange-oauth-application";
export { MailboxRecords, type MailboxRecordsProps } from "./mailbox-records";
export { configureBackend, defaultStatePath } from "./backend";
export { buildApp, stackNameFromFile, STACK_NAME, type BuildAppOptions, type BuiltApp, type StackInput } from "./app";
export { MigrationRequestFiles, MIGRATION_REQUEST_OUTPUT, type MigrationRequestFilesProps } from "./migration-request-files";
export { addEnvironmentStacks, type EnvironmentStacksOptions } from "./environment-stacks";
