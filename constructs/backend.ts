import type { Construct } from "constructs";
import {
  AzurermBackend,
  CloudBackend,
  LocalBackend,
  NamedCloudWorkspace,
  RemoteBackend,
  S3Backend,
  TaggedCloudWorkspaces,
  type AzurermBackendConfig,
  type CloudBackendConfig,
  type RemoteBackendConfig,
  type S3BackendConfig,
  type TerraformBackend,
} from "cdktf";
import type { BackendConfig } from "../src/model/config";
import { terraformLiterals } from "./private/terraform-literal";

/**
 * The default state location: `terraform.<stack>.tfstate`, relative to the stack's working
 * directory (`<out>/stacks/<stack>/`). CDKTF's own default is an absolute path from
 * `process.cwd()`, which makes `cdk.tf.json` differ between machines.
 */
export function defaultStatePath(stackName: string): string {
  return `terraform.${stackName}.tfstate`;
}

/**
 * Configures the stack's Terraform backend from the config's `backend:` section
 * (`config` holds the CDKTF backend props in camelCase). Always explicit, never CDKTF's default.
 * Terraform reads backend settings literally (no templates), so every value is written as given
 * (`raw` literals: CDKTF's token syntax in them is text too). `hostname` stays as it is: CDKTF reads it
 * to tell Terraform Cloud from Enterprise, and the config rules admit host names only.
 */
export function configureBackend(stack: Construct, stackName: string, backend?: BackendConfig): TerraformBackend {
  const { hostname, ...settings } = { ...(backend?.config ?? {}) } as Record<string, unknown>;
  const config: Record<string, unknown> = { ...terraformLiterals(stack, settings, "raw"), ...(hostname !== undefined ? { hostname } : {}) };
  switch (backend?.type ?? "local") {
    case "local":
      return new LocalBackend(stack, { ...config, path: typeof config.path === "string" ? config.path : defaultStatePath(stackName) });
    case "azurerm":
      return new AzurermBackend(stack, config as unknown as AzurermBackendConfig);
    case "s3":
      return new S3Backend(stack, config as unknown as S3BackendConfig);
    case "remote":
      return new RemoteBackend(stack, config as unknown as RemoteBackendConfig);
    case "cloud":
      return new CloudBackend(stack, { ...config, workspaces: cloudWorkspaces(config.workspaces, stackName) } as CloudBackendConfig);
  }
}

/** `workspaces: { name }` or `{ tags: [...] }` as plain YAML; CDKTF wants its workspace classes. */
function cloudWorkspaces(value: unknown, stackName: string): NamedCloudWorkspace | TaggedCloudWorkspaces {
  const w = (value ?? {}) as { name?: unknown; tags?: unknown; project?: unknown };
  const project = typeof w.project === "string" ? w.project : undefined;
  if (Array.isArray(w.tags)) return new TaggedCloudWorkspaces(w.tags.map(String), project);
  return new NamedCloudWorkspace(typeof w.name === "string" ? w.name : stackName, project);
}
