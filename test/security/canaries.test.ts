import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/**
 * Secret canaries across every offline command: each secret the tool can see is set to a
 * unique canary, every command runs as a real process, and everything written (stdout,
 * stderr, every file under the work folder) is scanned. Zero occurrences allowed.
 * (`check` against accepting, rejecting and silent servers has its own canary tests in
 * test/check and test/cli/check.test.ts, where the loopback mail stack runs.)
 */
const BIN = resolve("bin/genesys-email");
const CANARIES = {
  SUPPORT_TEST_MAILBOX_PASSWORD: "CANARY-pw-test-4f1d",
  SUPPORT_MAILBOX_PASSWORD: "CANARY-pw-support-77aa",
  OUTBOUND_MAILBOX_PASSWORD: "CANARY-pw-outbound-0b3c",
  GRAPH_CLIENT_SECRET: "CANARY-graph-secret-e9e9",
};
const OUTPUT_SECRET = "CANARY-tf-output-secret-5150";

const work = mkdtempSync(join(tmpdir(), "ge-canary-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const example = readFileSync("examples/contact-center.yaml", "utf8");
const config = join(work, "contact-center.yaml");
writeFileSync(config, example);
// The same setup, changed: a mailbox removed, a size changed, a secret literal typed in by mistake.
const changed = join(work, "changed.yaml");
writeFileSync(changed, example.replace("maxSizeMb: 10", "maxSizeMb: 15"));
const broken = join(work, "broken.yaml");
writeFileSync(broken, example.replace("password: { env: SUPPORT_MAILBOX_PASSWORD }", `password: ${CANARIES.SUPPORT_MAILBOX_PASSWORD}`));
const outputs = join(work, "outputs.json");
const fixture = JSON.parse(readFileSync("test/fixtures/outputs.json", "utf8"));
fixture.client_secret.value = OUTPUT_SECRET;
writeFileSync(outputs, JSON.stringify(fixture));

const written: string[] = [];
function run(args: string[], input?: string): number {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: work,
    encoding: "utf8",
    input,
    env: { PATH: process.env.PATH ?? "", HOME: work, ...CANARIES },
  });
  written.push(r.stdout, r.stderr);
  return r.status ?? -1;
}

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}

describe("no secret ever leaks (canary values)", () => {
  beforeAll(() => {
    expect(run(["validate", config])).toBe(0);
    expect(run(["validate", config, "--format", "json"])).toBe(0);
    expect(run(["validate", broken])).toBe(1);
    expect(run(["validate", broken, "--format", "sarif"])).toBe(1);
    expect(run(["validate", broken, "--format", "github"])).toBe(1);
    expect(run(["synth", config, "--out", "out"])).toBe(0);
    expect(run(["synth", broken, "--out", "out"])).toBe(1);
    for (const format of ["json", "markdown", "genesys-options", "powershell"]) {
      expect(run(["manifest", config, "--tf-outputs", outputs, "--format", format])).toBe(0);
      expect(run(["manifest", config, "--tf-outputs", "-", "--format", format], readFileSync(outputs, "utf8"))).toBe(0);
    }
    expect(run(["manifest", broken, "--tf-outputs", outputs])).toBe(1);
    expect(run(["diff", config, changed])).toBe(0);
    expect(run(["diff", config, changed, "--format", "json"])).toBe(0);
    expect(run(["diff", config, broken])).toBe(1);
  }, 120000);

  it("wrote something to scan", () => {
    expect(allFiles(work).some((f) => f.endsWith("cdk.tf.json"))).toBe(true);
    expect(allFiles(work).some((f) => f.endsWith("migration-request.md"))).toBe(true);
    expect(written.join("").length).toBeGreaterThan(10000);
  });

  it.each(Object.entries({ ...CANARIES, OUTPUT_SECRET }))("%s appears in no stdout, stderr or output file", (_name, canary) => {
    const inputs = new Set([config, changed, broken, outputs]);
    const hits = [
      ...written.filter((text) => text.includes(canary)).map(() => "stdout/stderr"),
      ...allFiles(work).filter((f) => !inputs.has(f) && readFileSync(f, "utf8").includes(canary)),
    ];
    expect(hits).toEqual([]);
  });

  it("the client secret is only a sensitive output in the synthesized Terraform", () => {
    const tf = JSON.parse(readFileSync(join(work, "out/stacks/contact-center/cdk.tf.json"), "utf8"));
    expect(tf.output.client_secret.sensitive).toBe(true);
    // Both rotating slots' values, in the one sensitive output and nowhere else.
    const refs = (value: unknown) => JSON.stringify(value).match(/azuread_application_password\.[\w-]+\.value/g) ?? [];
    expect(refs(tf.output.client_secret)).toHaveLength(2);
    const { client_secret: _secret, ...otherOutputs } = tf.output;
    expect(refs({ ...tf, output: otherOutputs })).toEqual([]);
  });
});
