import type { Construct } from "constructs";
import { TerraformStack, type TerraformBackend } from "cdktf";
import { emailConfigSchema, type EmailConfigInput } from "../src/model/config";
import { configureBackend } from "./backend";
import { GenesysEmail } from "./genesys-email";

/**
 * A Terraform stack holding one `GenesysEmail`, with the backend the config names
 * (a relative local state file by default). One stack per environment.
 */
export class GenesysEmailStack extends TerraformStack {
  readonly email: GenesysEmail;
  readonly backend: TerraformBackend;

  constructor(scope: Construct, name: string, config: EmailConfigInput) {
    super(scope, name);
    this.email = new GenesysEmail(this, "email", config);
    // An invalid config fails synth anyway; its backend section is used only when it is well-formed.
    const backend = this.email.config?.backend ?? emailConfigSchema.shape.backend.safeParse((config as { backend?: unknown })?.backend).data;
    this.backend = configureBackend(this, name, backend);
  }
}
