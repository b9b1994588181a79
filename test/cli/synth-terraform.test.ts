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
    // The example has a GRAPH mailbox, so a rotating client secret: its warning names both needs.
    "WARN genesys-no-such-terraform was not found on the PATH. Synth does not need it, but plan and apply do: the mailbox records are terraform_data resources, which need Terraform 1.4 or later, and the client secret rotation calls plantimestamp(), which needs Terraform 1.5 or later.\n",
  );
  expect(existsSync(join(work, "out/stacks/contact-center/cdk.tf.json"))).toBe(true);
});

function terraformPrinting(version: string): string {
  const file = join(work, `terraform-${version}`);
  writeFileSync(file, `#!/bin/sh\necho 'Terraform v${version}'\necho 'on linux_amd64'\n`);
  chmodSync(file, 0o755);
  return file;
}

test("Terraform older than 1.4: exit 1, one clear line naming each need it lacks, nothing written", () => {
  const old = terraformPrinting("1.3.9");
  const result = synthWith(old);
  expect(result.status).toBe(1);
  expect(result.stdout).toBe("");
  expect(result.stderr).toBe(
    `ERROR ${old} 1.3.9 is on the PATH, but the mailbox records are terraform_data resources, which need Terraform 1.4 or later, and the client secret rotation calls plantimestamp(), which needs Terraform 1.5 or later: upgrade Terraform (or set TERRAFORM_BINARY_NAME to a newer one).\n` +
      `${EXAMPLE}: nothing was written to out.\n`,
  );
  expect(existsSync(join(work, "out"))).toBe(false);
});

test("Terraform 1.4 and a rotating client secret (GRAPH): exit 1 naming plantimestamp(), nothing written", () => {
  const old = terraformPrinting("1.4.7");
  const result = synthWith(old);
  expect(result.status).toBe(1);
  expect(result.stderr).toBe(
    `ERROR ${old} 1.4.7 is on the PATH, but the client secret rotation calls plantimestamp(), which needs Terraform 1.5 or later: upgrade Terraform (or set TERRAFORM_BINARY_NAME to a newer one).\n` +
      `${EXAMPLE}: nothing was written to out.\n`,
  );
  expect(existsSync(join(work, "out"))).toBe(false);
});

test("Terraform 1.5: the example synthesizes without a word on stderr", () => {
  const result = synthWith(terraformPrinting("1.5.0"));
  expect([result.status, result.stderr]).toEqual([0, ""]);
  expect(result.stdout).toBe("contact-center: out/stacks/contact-center/cdk.tf.json\n");
});
