import { TerraformProvider, type TerraformStack } from "cdktf";

/** Whether the stack already configures a provider of this type (`azuread`, `time`): the user's own one wins. */
export function hasProvider(stack: TerraformStack, type: string): boolean {
  return stack.node.findAll().some((c) => c instanceof TerraformProvider && c.terraformResourceType === type);
}
