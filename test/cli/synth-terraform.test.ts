import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

// As processes: the Terraform answer is kept per process, and these need a different one each.
const ROOT = resolve(__dirname, "../..");
const EXAMPLE = join(ROOT, "examples/contact-center.yaml");
const BIN = join(ROOT, "bin/genesys-email");

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "genesys-cli-synth-tf-"));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function synthWith(terraformBinary: string) {
  return spawnSync(process.execPath, [BIN, "synth", EXAMPLE, "--out", "out"], {
    cwd: work,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", TERRAFORM_BINARY_NAME: terraformBinary },
  });
}

test("no Terraform installed: synth writes the stack and warns (a fresh machine can run npm run synth)", () => {
  const result = synthWith("genesys-no-such-terraform");
  expect(result.status).toBe(0);
  expect(result.stdout).toBe("contact-center: out/stacks/contact-center/cdk.tf.json\n");
  expect(result.stderr).toBe(
    "WARN genesys-no-such-terraform was not found on the PATH. Synth does not need it, but plan and apply do: the mailbox records are terraform_data resources, which need Terraform 1.4 or later.\n",
  );
  expect(existsSync(join(work, "out/stacks/contact-center/cdk.tf.json"))).toBe(true);
});

test("Terraform older than 1.4: exit 1, one clear line, nothing written", () => {
  const old = join(work, "terraform-1.3");
  writeFileSync(old, "#!/bin/sh\necho 'Terraform v1.3.9'\necho 'on linux_amd64'\n");
  chmodSync(old, 0o755);
  const result = synthWith(old);
  expect(result.status).toBe(1);
  expect(result.stdout).toBe("");
  expect(result.stderr).toBe(
    `ERROR ${old} 1.3.9 is on the PATH, but the mailbox records are terraform_data resources, which need Terraform 1.4 or later: upgrade Terraform (or set TERRAFORM_BINARY_NAME to a newer one).\n` +
      `${EXAMPLE}: nothing was written to out.\n`,
  );
  expect(existsSync(join(work, "out"))).toBe(false);
});
