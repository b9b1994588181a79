import { microsoftCloud } from "../../src/model/clouds";

/**
 * The azuread provider's `environment` for a tenant-authority (src/model/clouds.ts). `undefined`
 * means the provider default (`global`), also used for test authorities that are no Microsoft
 * cloud. Override by configuring your own `AzureadProvider` before `GenesysEmail`.
 */
export function azureadEnvironment(authority: string): string | undefined {
  return microsoftCloud(authority)?.azureadEnvironment;
}
