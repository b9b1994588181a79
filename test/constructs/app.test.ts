import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EmailConfigInput } from "../../src/model/config";
import { buildApp, stackNameFromFile } from "../../constructs/app";
import { config, imap } from "./helpers";

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "genesys-app-"));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function stackJson(out: string, name: string): { terraform: { backend: Record<string, Record<string, unknown>> } } {
  return JSON.parse(readFileSync(join(out, "stacks", name, "cdk.tf.json"), "utf8"));
}

describe("buildApp", () => {
  test.each([
    ["local with a path", { type: "local", config: { path: "../../state/cc.tfstate" } }, { local: { path: "../../state/cc.tfstate" } }],
    ["s3", { type: "s3", config: { bucket: "contoso-tf", key: "email/cc.tfstate", region: "eu-west-1" } }, { s3: { bucket: "contoso-tf", key: "email/cc.tfstate", region: "eu-west-1" } }],
    ["remote", { type: "remote", config: { organization: "contoso", workspaces: { name: "email-cc" } } }, { remote: { organization: "contoso", workspaces: { name: "email-cc" } } }],
  ] as const)("backend %s", (_name, backend, expected) => {
    const { app, stacks } = buildApp({ outDir: join(work, "out"), stacks: [{ name: "cc", config: config([imap("support")], undefined, { backend: backend as EmailConfigInput["backend"] }) }] });
    app.synth();
    expect(stacks[0]!.backend).toBeDefined();
    expect(stackJson(join(work, "out"), "cc").terraform.backend).toEqual(expected);
  });

  test("cloud backend: workspace named after the stack unless given", () => {
    buildApp({ outDir: join(work, "out"), stacks: [{ name: "cc", config: config([imap("support")], undefined, { backend: { type: "cloud", config: { organization: "contoso" } } }) }] }).app.synth();
    const tf = JSON.parse(readFileSync(join(work, "out", "stacks", "cc", "cdk.tf.json"), "utf8")).terraform;
    expect(tf.cloud).toEqual({ organization: "contoso", workspaces: { name: "cc" } });
    expect(tf).not.toHaveProperty("backend");
  });

  test.each([
    ["examples/contact-center.yaml", "contact-center"],
    ["/abs/prod.email.yml", "prod-email"],
    ["config.json", "config"],
  ])("stack name of %s is %s", (file, name) => {
    expect(stackNameFromFile(file)).toBe(name);
  });

  test.each([
    [[{ name: "a/b" }], /Stack name must use only letters, digits, _, \. and - \(it names a folder\); "a\/b" given\./],
    [[{ name: ".." }], /Stack name must use only/],
    [[{ name: "x" }, { name: "x" }], /Stack name "x" is used twice\./],
  ])("bad stack names are rejected: %j", (names, message) => {
    expect(() => buildApp({ outDir: join(work, "out"), stacks: names.map((n) => ({ name: n.name, config: config([imap("support")]) })) })).toThrow(message);
  });
});
