import type { Construct } from "constructs";
import { Annotations, AnyMap, TerraformResource } from "cdktf";
import { terraformProblem, terraformVersion, type TerraformNeed } from "../../src/terraform/version";
import { terraformData } from "./terraform-literal";

export interface TerraformDataConfig {
  readonly input?: Record<string, unknown>;
  readonly triggersReplace?: Record<string, unknown>;
}

/**
 * A `terraform_data` resource, synthesized exactly as CDKTF's `DataResource` (same type, same
 * `input` / `triggers_replace`), without its per-resource Terraform version check. `input` and
 * `triggersReplace` are data: every string in them is written literally (`terraformData`), so a
 * CDKTF token placed there is text, not a reference.
 *
 * `DataResource` adds a `ValidateTerraformVersion(">=1.4")` to every instance, and each runs
 * `terraform version` in a shell at synth: one process per mailbox, about 0.2 s each (3,000
 * processes for 1,000 mailboxes in 3 environments), and fails synth when no Terraform is
 * installed. The owner of the records checks once instead (`checkTerraform`).
 */
export class TerraformData extends TerraformResource {
  static readonly tfResourceType = "terraform_data";
  /** `input` and `triggers_replace` as their data placeholders, made once (CDKTF renders each element twice per synth). */
  private readonly inputValue?: string;
  private readonly triggersReplaceValue?: string;
  private outputMap?: AnyMap;

  constructor(scope: Construct, id: string, config: TerraformDataConfig = {}) {
    super(scope, id, { terraformResourceType: TerraformData.tfResourceType, terraformGeneratorMetadata: { providerName: "terraform" } });
    if (config.input !== undefined) this.inputValue = terraformData(this, config.input);
    if (config.triggersReplace !== undefined) this.triggersReplaceValue = terraformData(this, config.triggersReplace);
  }

  get id(): string {
    return this.getStringAttribute("id");
  }

  /** The applied `input`, as Terraform reports it (made on first use: most records never need it). */
  get output(): AnyMap {
    this.outputMap ??= new AnyMap(this, "output");
    return this.outputMap;
  }

  // No synthesizeHclAttributes: the placeholders install the literal hook, which refuses HCL output for the stack.
  protected override synthesizeAttributes(): Record<string, unknown> {
    return { input: this.inputValue, triggers_replace: this.triggersReplaceValue };
  }
}

/**
 * `DataResource`'s Terraform check, once for everything a construct uses and lenient where synth
 * does not need Terraform (src/terraform/version.ts): a Terraform too old for one of `needs` fails
 * synth, a missing or unreadable one is a warning on the construct.
 */
export function checkTerraform(scope: Construct, needs: readonly TerraformNeed[]): void {
  const problem = terraformProblem(terraformVersion(), needs);
  if (problem === undefined) return;
  if (problem.severity === "warning") Annotations.of(scope).addWarning(problem.message);
  else scope.node.addValidation({ validate: () => [problem.message] });
}
