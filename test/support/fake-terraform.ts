import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resetTerraformVersionForTests } from "../../src/terraform/version";

/**
 * For tests of the Terraform version probe (src/terraform/version.ts): around each test, a fresh
 * temp folder, the probe's answer forgotten and TERRAFORM_BINARY_NAME restored.
 */
export function isolateTerraformProbe(): { readonly dir: () => string; fakeTerraform(stdout: string, status?: number, stderr?: string): string } {
  let work = "";
  const saved = process.env.TERRAFORM_BINARY_NAME;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), "genesys-tf-probe-"));
    resetTerraformVersionForTests();
  });
  afterEach(() => {
    rmSync(work, { recursive: true, force: true });
    if (saved === undefined) delete process.env.TERRAFORM_BINARY_NAME;
    else process.env.TERRAFORM_BINARY_NAME = saved;
    resetTerraformVersionForTests();
  });
  return {
    dir: () => work,
    /** A stand-in `terraform` that prints `stdout`, writes `stderr` and exits with `status`; TERRAFORM_BINARY_NAME names it. */
    fakeTerraform(stdout, status = 0, stderr = "") {
      const file = join(work, "terraform");
      writeFileSync(file, `#!/bin/sh\nprintf '%s\\n' '${stdout}'\n${stderr ? `printf '%s\\n' '${stderr}' >&2\n` : ""}exit ${status}\n`);
      chmodSync(file, 0o755);
      process.env.TERRAFORM_BINARY_NAME = file;
      return file;
    },
  };
}
