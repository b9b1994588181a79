import { join } from "node:path";
import { isolateTerraformProbe } from "../support/fake-terraform";
import { GenesysEmailStack } from "../../constructs/genesys-email-stack";
import { testApp } from "../support/test-app";
import { TERRAFORM_NEEDS } from "../../src/terraform/version";
import { config, graph, imap, smtp, stackOf, synth } from "./helpers";

// The mailbox records are terraform_data (Terraform >= 1.4). CDKTF's DataResource fails synth when
// no terraform is installed; these stacks only warn then, and fail for a Terraform that is too old.
const probe = isolateTerraformProbe();
const terraformPrinting = (version: string) => probe.fakeTerraform(`Terraform v${version}`);

function warnings(stack: ReturnType<typeof stackOf>): string[] {
  return stack.node
    .findAll()
    .flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => `${c.node.path}: ${String(m.data)}`));
}

const input = () => config([imap("support", { testMailbox: true })], smtp());

test("no terraform on the PATH: synth succeeds with one warning on the GenesysEmail", () => {
  process.env.TERRAFORM_BINARY_NAME = join(probe.dir(), "no-terraform-here");
  const stack = stackOf(input());
  expect(() => synth(stack)).not.toThrow();
  expect(warnings(stack)).toEqual([
    `test/email: ${join(probe.dir(), "no-terraform-here")} was not found on the PATH. Synth does not need it, but plan and apply do: the mailbox records are terraform_data resources, which need Terraform 1.4 or later.`,
  ]);
});

test("Terraform 1.3: synth fails naming the version and the fix", () => {
  terraformPrinting("1.3.9");
  const stack = stackOf(input());
  expect(() => synth(stack)).toThrow(
    `[test/email] ${join(probe.dir(), "terraform")} 1.3.9 is on the PATH, but the mailbox records are terraform_data resources, which need Terraform 1.4 or later: upgrade Terraform (or set TERRAFORM_BINARY_NAME to a newer one).`,
  );
});

test("checkTerraformVersion: false (what genesys-email synth passes; it checks beside synth): no check, no warning", () => {
  terraformPrinting("1.3.9");
  const stack = new GenesysEmailStack(testApp(), "test", { config: input(), checkTerraformVersion: false });
  expect(() => synth(stack)).not.toThrow();
  expect(warnings(stack)).toEqual([]);
});

test("Terraform 1.4: no warning, no error", () => {
  terraformPrinting("1.4.0");
  const stack = stackOf(input());
  expect(() => synth(stack)).not.toThrow();
  expect(warnings(stack)).toEqual([]);
});

describe("what a stack needs of Terraform (GenesysEmail.terraformNeeds), and the check against it", () => {
  // The app registration the adoption examples use (docs/adopting.md).
  const adopted = () =>
    config([imap("support", { testMailbox: true })], smtp(), {
      application: {
        displayName: "esj_office365_imap",
        existing: { objectId: "3f1c2b4a-8d7e-4c6b-9a5f-1e2d3c4b5a69", servicePrincipalObjectId: "5d4c3b2a-9e8f-4a7b-8c6d-2e1f0a9b8c7d" },
      },
    });

  test.each([
    ["basic and delegated mailboxes only", () => input(), [TERRAFORM_NEEDS.terraformData]],
    ["a GRAPH mailbox (a rotating client secret)", () => config([imap("support", { testMailbox: true }), graph("orders")], smtp()), [TERRAFORM_NEEDS.terraformData, TERRAFORM_NEEDS.planTimestamp]],
    ["an adopted app registration (import blocks)", adopted, [TERRAFORM_NEEDS.terraformData, TERRAFORM_NEEDS.importBlocks]],
  ])("%s", (_name, make, needs) => {
    terraformPrinting("1.11.0");
    expect(stackOf(make()).email.terraformNeeds).toEqual(needs);
  });

  test("Terraform 1.4 with an adopted app registration: synth fails naming the import blocks", () => {
    terraformPrinting("1.4.7");
    const stack = stackOf(adopted());
    expect(() => synth(stack)).toThrow(
      `[test/email] ${join(probe.dir(), "terraform")} 1.4.7 is on the PATH, but the objects to adopt are import blocks, which need Terraform 1.5 or later: upgrade Terraform (or set TERRAFORM_BINARY_NAME to a newer one).`,
    );
  });
});
