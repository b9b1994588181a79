import type { EmailConfig } from "../model/config";
import { oauthMailboxes } from "../model/mailbox";
import { buildMigrationRequest, renderMigrationRequestJson } from "./build";
import type { MigrationRequest } from "./model";
import { renderExchangeSetupScript } from "./exchange-setup";
import { renderMigrationRequestMarkdown } from "./markdown";
import { renderPreMigrationChecklist } from "./pre-migration";

export type MigrationRequestFileName = "migration-request.json" | "migration-request.md" | "pre-migration.md" | "exchange-setup.ps1";

export interface MigrationRequestFile {
  readonly name: MigrationRequestFileName;
  readonly content: string;
}

export interface MigrationRequestFilesOptions {
  /**
   * The Application (client) ID, when known at synth.
   * @default - the config's `application.clientId`; otherwise marked pending until `terraform apply`
   */
  readonly clientId?: string;
  /**
   * The environment's name under `environments:`, named in the request unless `contactCenter.environment` is set.
   * @default - only `contactCenter.environment`
   */
  readonly environment?: string;
}

/**
 * The files written beside a stack's `cdk.tf.json` at synth: the request as JSON and as Markdown for Genesys
 * Customer Care, our pre-migration checklist (pre-migration.md), and the Exchange Online setup script, in the style
 * `application.graphMailboxAccess` calls for (`defaultAccessPolicyStyle`). None when no mailbox uses OAuth 2.0
 * (nothing to migrate).
 * @throws MigrationRequestError when the config cannot give a request (e.g. no test mailbox)
 */
export function migrationRequestFiles(config: EmailConfig, options: MigrationRequestFilesOptions = {}): MigrationRequestFile[] {
  if (oauthMailboxes(config).length === 0) return [];
  const request = buildMigrationRequest(config, options);
  return migrationRequestFilesOf(config, request, options);
}

/** The same files from a request already built for this config (and these options). */
export function migrationRequestFilesOf(config: EmailConfig, request: MigrationRequest, options: MigrationRequestFilesOptions = {}): MigrationRequestFile[] {
  return [
    { name: "migration-request.json", content: renderMigrationRequestJson(request) },
    { name: "migration-request.md", content: renderMigrationRequestMarkdown(request) },
    { name: "pre-migration.md", content: renderPreMigrationChecklist(config, request) },
    { name: "exchange-setup.ps1", content: renderExchangeSetupScript(config, { clientId: options.clientId }) },
  ];
}
