/** The core: model, rules, permissions, manifest. No CDKTF import here (see constructs/). */
export * from "./model";
export * from "./permissions";
export { validate, type ValidationResult, type ValidateOptions, type SuppressedFinding } from "./rules/engine";
export { RULES, ruleById, formatFinding, describeFinding, findingLines, textReport, reportSummary, type TextReportOptions, type Rule, type Finding, type SourceLocation, type Severity } from "./rules";
export { loadConfigFile, parseConfigText, ConfigFileError, type LoadedConfig } from "./config/load";
export * from "./manifest";
export {
  resolveEnvironments,
  validateEnvironment,
  environmentConfigs,
  environmentNames,
  stackNameForFile,
  EnvironmentConfigError,
  type ResolvedEnvironment,
  type EnvironmentOverride,
  type InboundOverride,
  type Override,
  type EmailConfigWithEnvironments,
} from "./config/environments";
export { ENVIRONMENT_NAME } from "./model/stack-name";
export { runCheck, planMailboxes, renderJson, renderText, renderMarkdown, fixFor, buildTrust, type CheckOptions, type CheckReport, type MailboxResult, type StepResult, type Trust } from "./check";
export { readTerraformOutputs, TERRAFORM_OUTPUT_NAMES, type TerraformOutputValues, type TerraformOutputsPolicy, type TerraformOutputsResult } from "./terraform/outputs";
export { TERRAFORM_NEEDS, type TerraformNeed } from "./terraform/version";
export {
  adopt,
  adoptionReport,
  formatReport,
  renderConfigYaml,
  parseGraph,
  readGraphFile,
  parseMailboxCsv,
  readMailboxCsv,
  passwordVariable,
  AdoptInputError,
  type Adoption,
  type AdoptionInput,
  type AdoptionReport,
} from "./adopt";
export { ewsToGraph, customerCareText, MigrateError, type EwsToGraphResult, type MigratedMailbox } from "./adopt/ews-to-graph";
