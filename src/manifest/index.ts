export * from "./model";
export { buildMigrationRequest, migrationRequestProblems, renderMigrationRequestJson, MigrationRequestError, type MigrationRequestOptions, type MigrationRequestProblem } from "./build";
export { renderMigrationRequestMarkdown, CREDENTIAL_DELIVERY_TEXT } from "./markdown";
export { renderPreMigrationChecklist } from "./pre-migration";
export { renderExchangeSetupScript, exchangeEnvironmentName, defaultAccessPolicyStyle, accessPolicyStyleProblem, ACCESS_POLICY_STYLES, type AccessPolicyStyle, type ExchangeSetupOptions } from "./exchange-setup";
export { renderGenesysOptions, PASSWORD_PLACEHOLDER, CLIENT_SECRET_PLACEHOLDER } from "./genesys-options";
export { migrationRequestFiles, type MigrationRequestFile, type MigrationRequestFileName, type MigrationRequestFilesOptions } from "./files";
export { migrationRequestJsonSchema, renderMigrationRequestJsonSchema, MIGRATION_REQUEST_SCHEMA_PATH } from "./json-schema";
