import type { Construct } from "constructs";
import { TerraformStack, type TerraformBackend } from "cdktf";
import { configureBackend } from "./backend";
import { GenesysEmail, pathOf, validateGenesysEmailProps, type GenesysEmailProps } from "./genesys-email";

/**
 * The props of a `GenesysEmailStack`: those of its `GenesysEmail`. The backend comes from the config's
 * `backend:` section, so each environment's state location is reviewed with the config.
 */
export interface GenesysEmailStackProps extends GenesysEmailProps {}

/**
 * A Terraform stack holding one `GenesysEmail` (construct ID `email`), with the backend the config names
 * (a relative local state file by default). One stack per environment:
 * `new GenesysEmailStack(app, "prod", { config })`. A config with errors throws `GenesysEmailConfigError`
 * before the stack is added to `scope`.
 */
export class GenesysEmailStack extends TerraformStack {
  /** The contact center's email setup. */
  readonly email: GenesysEmail;
  /** The Terraform backend of `config.backend`, or a local state file `terraform.<stack>.tfstate`. */
  readonly backend: TerraformBackend;

  constructor(scope: Construct, id: string, props: GenesysEmailStackProps) {
    const { config } = validateGenesysEmailProps(props, pathOf(scope, id));
    super(scope, id);
    this.email = new GenesysEmail(this, "email", props);
    this.backend = configureBackend(this, id, config.backend);
  }
}
