export { AdoptInputError } from "./errors";
export * from "./graph";
export * from "./mailbox-csv";
export { adopt, passwordVariable, type Adoption, type AdoptionInput, type ConfigComment } from "./adopt";
export { adoptionReport, formatReport, type AdoptionReport, type ConsentChange, type PermissionChange, type ImportedResource } from "./report";
export { renderConfigYaml } from "./config-yaml";
