import type { Construct } from "constructs";
import { TerraformStack, type TerraformBackend } from "cdktf";
import { emailConfigSchema, type EmailConfigInput } from "../src/model/config";
import { configureBackend } from "./backend";
import { GenesysEmail } from "./genesys-email";
import { ENVIRONMENT_CONTEXT } from "./migration-request-files";

export interface GenesysEmailStackOptions {
  /**
   * The environment this stack is (a key of `environments:`), named in the migration request unless the config
   * sets `contactCenter.environment`. Passed down as the construct context `genesys-email:environment`.
   * @default - only `contactCenter.environment`
   */
  readonly environment?: string;
}

/**
 * A Terraform stack holding one `GenesysEmail`, with the backend the config names
 * (a relative local state file by default). One stack per environment.
 */
export class GenesysEmailStack extends TerraformStack {
  readonly email: GenesysEmail;
  readonly backend: TerraformBackend;

  constructor(scope: Construct, name: string, config: EmailConfigInput, options: GenesysEmailStackOptions = {}) {
    super(scope, name);
    if (options.environment !== undefined) this.node.setContext(ENVIRONMENT_CONTEXT, options.environment);
    this.email = new GenesysEmail(this, "email", config);
    // An invalid config fails synth anyway; its backend section is used only when it is well-formed.
    const backend = this.email.config?.backend ?? emailConfigSchema.shape.backend.safeParse((config as { backend?: unknown })?.backend).data;
    this.backend = configureBackend(this, name, backend);
  }
}
