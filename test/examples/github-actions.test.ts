import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";

// The example workflow is meant to be copied as it is: it must be a valid workflow, and do what docs/gitops.md says.
const FILE = "examples/github-actions.yml";
const text = readFileSync(FILE, "utf8");
const workflow = parse(text) as {
  on: Record<string, { paths?: string[]; branches?: string[] }>;
  jobs: Record<string, { if?: string; needs?: string | string[]; environment?: unknown; permissions?: Record<string, string>; env?: Record<string, string>; steps: Array<{ uses?: string; run?: string }> }>;
};

/** @action-validator/cli: validates against SchemaStore's GitHub workflow schema (offline; runs on Node 20). */
function actionValidator(file: string) {
  return spawnSync(process.execPath, [require.resolve("@action-validator/cli/cli.mjs"), file], { encoding: "utf8" });
}

describe("examples/github-actions.yml", () => {
  it("passes action-validator", () => {
    const r = actionValidator(FILE);
    expect(r.stdout + r.stderr).not.toMatch(/"errors"/);
    expect(r.status).toBe(0);
  });

  it("action-validator is a real gate: it fails a broken workflow", () => {
    const dir = mkdtempSync(join(tmpdir(), "ge-workflow-"));
    try {
      const broken = join(dir, "broken.yml");
      writeFileSync(broken, text.replace("runs-on: ubuntu-latest", "runs-on: ubuntu-latest\n    timeout: 5"));
      const r = actionValidator(broken);
      expect(r.status).not.toBe(0);
      expect(r.stdout + r.stderr).toContain("Additional property 'timeout' is not allowed");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("pins every action to a full commit SHA, with its release in a comment", () => {
    const uses = text.split("\n").filter((line) => /^\s*(-\s+)?uses:/.test(line));
    expect(uses.length).toBeGreaterThan(0);
    for (const line of uses) expect(line).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  it("runs on changes to the config, the workflow and the package files (a tool upgrade is validated too)", () => {
    for (const event of ["pull_request", "push"]) {
      expect(workflow.on[event]!.paths).toEqual(expect.arrayContaining(["config/environments.yaml", "package.json", "package-lock.json", ".github/workflows/genesys-email.yml"]));
    }
    expect(workflow.on.push!.branches).toEqual(["main"]);
  });

  it("plans pull requests without environment protection, with the read-only identity and no state lock", () => {
    const plan = workflow.jobs.plan!;
    expect(plan.if).toContain("github.event_name == 'pull_request'");
    expect(plan.environment).toBeUndefined();
    expect(plan.env!.ARM_CLIENT_ID).toBe("${{ vars.ARM_PLAN_CLIENT_ID }}");
    const script = plan.steps.map((s) => s.run ?? "").join("\n");
    for (const command of ["terraform fmt -check", "terraform validate", "terraform plan -input=false -lock=false"]) expect(script).toContain(command);
    expect(script).not.toContain("terraform apply");
  });

  it("applies on push to main, dev then stage then prod, each in its protected GitHub environment", () => {
    const order = ["dev", "stage", "prod"];
    order.forEach((env, i) => {
      const job = workflow.jobs[`apply-${env}`]!;
      expect(job.environment).toBe(env);
      expect(job.needs).toBe(i === 0 ? "validate" : `apply-${order[i - 1]}`);
      expect(job.permissions!["id-token"]).toBe("write");
      expect(job.steps.map((s) => s.run ?? "").join("\n")).toMatch(/terraform validate\n.*terraform plan .*-out=tfplan\n.*terraform apply .*tfplan/s);
    });
    expect(workflow.jobs["apply-dev"]!.if).toBe("github.event_name == 'push'");
    // Nothing else deploys: every job with an environment is an apply job.
    for (const [name, job] of Object.entries(workflow.jobs)) if (job.environment !== undefined) expect(name).toMatch(/^apply-/);
  });

  it("uploads SARIF, and comments the diff of the base branch's config (diff --base), failing on a forbidden change", () => {
    expect(workflow.jobs.validate!.steps.some((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"))).toBe(true);
    const diff = workflow.jobs.diff!.steps.map((s) => s.run ?? "").join("\n");
    expect(diff).toContain('$GENESYS_EMAIL diff --base "origin/$BASE_REF" "$CONFIG" > diff.md');
    expect(diff).toContain('exit "$CODE"');
  });
});
