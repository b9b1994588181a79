import type { Construct, IValidation } from "constructs";
import { AnyMap, TerraformResource, anyToTerraform, anyToHclTerraform, hashMapper, hashMapperHcl } from "cdktf";
import { ValidateTerraformVersion } from "cdktf/lib/validations/validate-terraform-version";

export interface TerraformDataConfig {
  readonly input?: Record<string, unknown>;
  readonly triggersReplace?: Record<string, unknown>;
}

/**
 * A `terraform_data` resource, synthesized exactly as CDKTF's `DataResource` (same type, same
 * `input` / `triggers_replace`), without its per-resource Terraform version check.
 *
 * `DataResource` adds a `ValidateTerraformVersion(">=1.4")` to every instance, and each runs
 * `terraform version` in a shell at synth: one process per mailbox, about 0.2 s each (3,000
 * processes for 1,000 mailboxes in 3 environments). The owner of the records adds the same
 * check once instead (`terraformDataVersionCheck`).
 */
export class TerraformData extends TerraformResource {
  static readonly tfResourceType = "terraform_data";
  private readonly inputValue?: Record<string, unknown>;
  private readonly triggersReplaceValue?: Record<string, unknown>;
  private outputMap?: AnyMap;

  constructor(scope: Construct, id: string, config: TerraformDataConfig = {}) {
    super(scope, id, { terraformResourceType: TerraformData.tfResourceType, terraformGeneratorMetadata: { providerName: "terraform" } });
    this.inputValue = config.input;
    this.triggersReplaceValue = config.triggersReplace;
  }

  get id(): string {
    return this.getStringAttribute("id");
  }

  /** The applied `input`, as Terraform reports it (made on first use: most records never need it). */
  get output(): AnyMap {
    this.outputMap ??= new AnyMap(this, "output");
    return this.outputMap;
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return {
      input: hashMapper(anyToTerraform)(this.inputValue),
      triggers_replace: hashMapper(anyToTerraform)(this.triggersReplaceValue),
    };
  }

  protected override synthesizeHclAttributes(): Record<string, unknown> {
    return {
      input: hashMapperHcl(anyToHclTerraform)(this.inputValue),
      triggers_replace: hashMapperHcl(anyToHclTerraform)(this.triggersReplaceValue),
    };
  }
}

let versionProblems: string[] | undefined;

/**
 * `DataResource`'s check (Terraform 1.4 or later on the PATH), run at most once per process:
 * the answer does not change between stacks or mailboxes.
 */
export const terraformDataVersionCheck: IValidation = {
  validate() {
    versionProblems ??= new ValidateTerraformVersion(
      ">=1.4",
      "The built-in Terraform data resource is only supported for Terraform >=1.4. Please upgrade your Terraform version.",
    ).validate();
    return versionProblems;
  },
};
