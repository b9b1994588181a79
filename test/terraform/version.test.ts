import { chmodSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { TERRAFORM_NEEDS, type TerraformVersion, prefetchTerraformVersion, resetTerraformVersionForTests, terraformProblem, terraformVersion } from "../../src/terraform/version";
import { isolateTerraformProbe } from "../support/fake-terraform";

const probe = isolateTerraformProbe();
const fakeTerraform = probe.fakeTerraform;

describe("terraformVersion", () => {
  test("reads the version terraform prints", () => {
    const binary = fakeTerraform("Terraform v1.11.4");
    expect(terraformVersion()).toEqual({ kind: "found", binary, version: "1.11.4" });
  });

  test("the prefetched answer is the same, and later calls reuse it without running terraform again", async () => {
    const binary = fakeTerraform("Terraform v1.4.0");
    await expect(prefetchTerraformVersion()).resolves.toEqual({ kind: "found", binary, version: "1.4.0" });
    rmSync(binary);
    expect(terraformVersion()).toEqual({ kind: "found", binary, version: "1.4.0" });
  });

  test("a binary that is not there is missing, not an error", async () => {
    process.env.TERRAFORM_BINARY_NAME = join(probe.dir(), "no-such-terraform");
    expect(terraformVersion()).toEqual({ kind: "missing", binary: join(probe.dir(), "no-such-terraform") });
    resetTerraformVersionForTests();
    await expect(prefetchTerraformVersion()).resolves.toEqual({ kind: "missing", binary: join(probe.dir(), "no-such-terraform") });
  });

  test.each([
    ["prefetched", () => prefetchTerraformVersion()],
    ["asked now", async () => terraformVersion()],
  ] as const)("%s: terraform runs with CHECKPOINT_DISABLE, so it never asks the network for a newer version", async (_how, ask) => {
    // GIVEN a terraform that reports the version only when Checkpoint is off (as a stand-in would see it)
    const file = join(probe.dir(), "terraform");
    writeFileSync(file, `#!/bin/sh\n[ -n "$CHECKPOINT_DISABLE" ] && echo 'Terraform v1.9.0' || echo 'checkpoint asked'\n`);
    chmodSync(file, 0o755);
    process.env.TERRAFORM_BINARY_NAME = file;
    delete process.env.CHECKPOINT_DISABLE;
    // THEN
    await expect(ask()).resolves.toEqual({ kind: "found", binary: file, version: "1.9.0" });
  });

  test("a binary that fails says so with its stderr", () => {
    const binary = fakeTerraform("", 3, "license expired");
    expect(terraformVersion()).toEqual({ kind: "unknown", binary, detail: "failed: license expired" });
  });
});

describe("terraformProblem: the mailbox records alone (terraform_data)", () => {
  const terraformDataProblem = (found: TerraformVersion) => terraformProblem(found, [TERRAFORM_NEEDS.terraformData]);
  test("Terraform 1.4 and later: none", () => {
    for (const version of ["1.4.0", "1.4.7", "1.11.0", "2.0.0"]) expect(terraformDataProblem({ kind: "found", binary: "terraform", version })).toBeUndefined();
  });

  test("older than 1.4: an error naming the version and the fix", () => {
    for (const version of ["1.3.9", "0.15.5"]) {
      expect(terraformDataProblem({ kind: "found", binary: "terraform", version })).toEqual({
        severity: "error",
        message: `terraform ${version} is on the PATH, but the mailbox records are terraform_data resources, which need Terraform 1.4 or later: upgrade Terraform (or set TERRAFORM_BINARY_NAME to a newer one).`,
      });
    }
  });

  test("missing: a warning, because synth itself does not need Terraform", () => {
    expect(terraformDataProblem({ kind: "missing", binary: "terraform" })).toEqual({
      severity: "warning",
      message: "terraform was not found on the PATH. Synth does not need it, but plan and apply do: the mailbox records are terraform_data resources, which need Terraform 1.4 or later.",
    });
  });

  test("unreadable: a warning with what it printed", () => {
    expect(terraformDataProblem({ kind: "unknown", binary: "tf", detail: "printed no version: hello" })).toEqual({
      severity: "warning",
      message: 'Could not tell which Terraform "tf version" is (printed no version: hello). The mailbox records are terraform_data resources, which need Terraform 1.4 or later.',
    });
  });
});

describe("terraformProblem: everything a stack uses", () => {
  const { terraformData, importBlocks, planTimestamp } = TERRAFORM_NEEDS;
  const found = (version: string) => ({ kind: "found" as const, binary: "terraform", version });

  test("the error names only the needs this Terraform lacks, once each", () => {
    expect(terraformProblem(found("1.4.2"), [terraformData, planTimestamp, importBlocks, planTimestamp])).toEqual({
      severity: "error",
      message:
        "terraform 1.4.2 is on the PATH, but the client secret rotation calls plantimestamp(), which needs Terraform 1.5 or later, and the objects to adopt are import blocks, which need Terraform 1.5 or later: upgrade Terraform (or set TERRAFORM_BINARY_NAME to a newer one).",
    });
  });

  test("1.5.0 and later meet every need; no needs, no problem", () => {
    for (const version of ["1.5.0", "1.11.4"]) expect(terraformProblem(found(version), [terraformData, planTimestamp, importBlocks])).toBeUndefined();
    expect(terraformProblem({ kind: "missing", binary: "terraform" }, [])).toBeUndefined();
  });

  test("unknown: the warning names every need, as a sentence", () => {
    expect(terraformProblem({ kind: "unknown", binary: "tf", detail: "timed out" }, [terraformData, importBlocks])).toEqual({
      severity: "warning",
      message:
        'Could not tell which Terraform "tf version" is (timed out). The mailbox records are terraform_data resources, which need Terraform 1.4 or later, and the objects to adopt are import blocks, which need Terraform 1.5 or later.',
    });
  });
});
