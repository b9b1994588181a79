// Concurrent synths into one --out, as parallel pipeline jobs run them, with and without failures
// injected into their file-system calls (test/support/fs-faults.js: an errno, SIGKILL, SIGINT or SIGTERM
// at a random call). Terraform's files always survive; every run ends in one of the documented ways;
// the output is always complete.
//
// Sizes: `npm test` runs a fixed-seed sample (2 rounds of six synths; 2 random cases); `npm run fuzz`
// (FUZZ_RUNS set) runs the 50 rounds of six synths and 25 random cases with a random seed,
// printed (replay one with FUZZ_SEED=<seed>). SYNTH_STRESS_ROUNDS and SYNTH_FUZZ_RUNS override the sizes.
import fc from "fast-check";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../cli/run-cli";
import { ENVIRONMENTS, EXAMPLE, spawnCli, synthLeftovers, terraformFiles, tree, type Fault, type Run } from "../cli/synth/helpers";
import { FUZZING, SEED } from "./seed";

const ROUNDS = Number(process.env.SYNTH_STRESS_ROUNDS ?? (FUZZING ? 50 : 2));
const RUNS = Number(process.env.SYNTH_FUZZ_RUNS ?? (FUZZING ? 25 : 2));
const LOCK_MESSAGE = /^(Waiting for another synth writing out( \(pid \d+\))?\.\.\.\n)?genesys-email: another synth is writing out( \(pid \d+\))?; nothing in out was changed\. [^\n]*\n$/;
const WAITING = /^(Waiting for another synth writing out( \(pid \d+\))?\.\.\.\n)?$/;

let cases = 0;
/** How the faulty runs ended (exit code or signal): shows the faults reached every part of synth. */
const endings: Record<string, number> = {};
const work = mkdtempSync(join(tmpdir(), "genesys-synth-fuzz-"));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  const ended = Object.entries(endings).map(([how, count]) => `${how}: ${count}`).join(", ");
  process.stdout.write(`fuzz: ${cases} cases, 0 failures (concurrent synths with injected failures, seed ${SEED}; runs ended ${ended})\n`);
});

type Kind = "single" | "environments";
type Variant = "a" | "b";
const SOURCE: Record<Kind, string> = { single: EXAMPLE, environments: ENVIRONMENTS };
const text = (kind: Kind, variant: Variant) => readFileSync(SOURCE[kind], "utf8").replace("maxSizeMb: 10", variant === "a" ? "maxSizeMb: 10" : "maxSizeMb: 12");

/** Terraform's files in every stack folder, as after `terraform init` and `apply`. */
function seedTerraform(out: string): void {
  for (const stack of Object.keys(JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")).stacks)) {
    const dir = join(out, "stacks", stack);
    writeFileSync(join(dir, `terraform.${stack}.tfstate`), `{"version":4,"serial":3,"lineage":"${stack}"}`);
    writeFileSync(join(dir, `terraform.${stack}.tfstate.backup`), '{"version":4,"serial":2}');
    writeFileSync(join(dir, ".terraform.lock.hcl"), "# lock");
    mkdirSync(join(dir, ".terraform", "providers"), { recursive: true });
    writeFileSync(join(dir, ".terraform", "providers", "plugin"), "binary");
    writeFileSync(join(dir, ".terraform", "terraform.tfstate"), '{"backend":{"type":"local"}}');
  }
}

/** A project folder `<dir>/cc.yaml` synthesized into `<dir>/out` (no fault), with Terraform's files. */
async function project(dir: string, kind: Kind, variant: Variant): Promise<void> {
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, "cc.yaml"), text(kind, variant));
  const r = await runCli(["synth", "cc.yaml", "--out", "out"], { cwd: dir });
  expect([r.code, r.stderr]).toEqual([0, ""]);
  seedTerraform(join(dir, "out"));
}

/** The generated files of each kind and variant, as a clean synth writes them (same layout, so same records). */
const reference: Partial<Record<`${Kind}-${Variant}`, Record<string, string>>> = {};
async function referenceOf(kind: Kind, variant: Variant): Promise<Record<string, string>> {
  const key = `${kind}-${variant}` as const;
  if (!reference[key]) {
    const dir = join(work, "reference", key);
    await project(dir, kind, variant);
    reference[key] = generated(tree(join(dir, "out")));
  }
  return reference[key]!;
}

/** What synth generates in `out`: everything but Terraform's files and synth's leftovers. */
function generated(files: Record<string, string>): Record<string, string> {
  const terraform = terraformFiles(files);
  const leftovers = synthLeftovers(files);
  return Object.fromEntries(Object.entries(files).filter(([p]) => !(p in terraform) && !leftovers.some((l) => p === l || p.startsWith(`${l}/`))));
}

/** Exit 0, or one of the documented failures: never an internal error, a stack trace or a half-line. */
function expectDocumentedEnd(r: Run, fault: Fault | undefined): void {
  const said = `${fault ? JSON.stringify(fault) : "no fault"}: exit ${r.code ?? r.signal}, stderr ${JSON.stringify(r.stderr)}`;
  if (r.signal === "SIGKILL" && fault && "signal" in fault && fault.signal === "SIGKILL") return;
  if (r.code === 0) return expect([said, WAITING.test(r.stderr)]).toEqual([said, true]);
  if (r.code === 130 || r.code === 143) {
    expect([said, fault && "signal" in fault ? fault.signal : undefined]).toEqual([said, r.code === 130 ? "SIGINT" : "SIGTERM"]);
    return expect([said, /\ngenesys-email: interrupted by SIG(INT|TERM)( after out was written completely|; nothing in out was changed)\.\n$/.test(`\n${r.stderr}`)]).toEqual([said, true]);
  }
  expect([said, r.code]).toEqual([said, 2]);
  expect([said, /internal error|\n\s+at /.test(r.stderr)]).toEqual([said, false]);
  expect([said, /^(Waiting for another synth[^\n]*\n)?genesys-email: [^\n]+\n$/.test(r.stderr)]).toEqual([said, true]);
}

describe(`six synths of one stack into one --out at once (${ROUNDS} rounds)`, () => {
  test("state and .terraform always survive, every run exits 0 or with the lock message, the output is complete", async () => {
    // GIVEN a synthesized stack with Terraform state, provider plugins and the dependency lock file
    const dir = join(work, "stress");
    await project(dir, "single", "a");
    const before = tree(join(dir, "out"));
    expect(Object.keys(terraformFiles(before))).toEqual(expect.arrayContaining(["stacks/cc/terraform.cc.tfstate", "stacks/cc/.terraform/providers/plugin"]));

    for (let round = 1; round <= ROUNDS; round++) {
      // WHEN six synths start at once
      const runs = await Promise.all(Array.from({ length: 6 }, () => spawnCli(["synth", "cc.yaml", "--out", "out"], { cwd: dir })));

      // THEN
      for (const r of runs) {
        const ok = (r.code === 0 && WAITING.test(r.stderr) && r.stdout === "cc: out/stacks/cc/cdk.tf.json\n") || (r.code === 2 && LOCK_MESSAGE.test(r.stderr));
        expect([`round ${round}`, r.code, r.stderr, ok]).toEqual([`round ${round}`, r.code, r.stderr, true]);
      }
      expect([`round ${round}`, tree(join(dir, "out"))]).toEqual([`round ${round}`, before]);
      cases++;
    }
  }, 60_000 + ROUNDS * 60_000);
});

describe(`concurrent synths with injected failures (${RUNS} cases, seed ${SEED})`, () => {
  const fault: fc.Arbitrary<Fault | undefined> = fc.oneof(
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 3, arbitrary: fc.record({ at: fc.integer({ min: 1, max: 90 }), code: fc.constantFrom("EACCES", "EPERM", "ENOSPC", "EIO", "EBUSY", "EROFS", "EXDEV", "ENOENT", "ENOTDIR") }) },
    { weight: 2, arbitrary: fc.record({ at: fc.integer({ min: 1, max: 90 }), signal: fc.constantFrom("SIGKILL" as const, "SIGINT" as const, "SIGTERM" as const) }) },
  );
  const scenario = fc.record({
    kind: fc.constantFrom<Kind>("single", "environments"),
    rounds: fc.array(fc.record({ variant: fc.constantFrom<Variant>("a", "b"), faults: fc.array(fault, { minLength: 2, maxLength: 6 }) }), { minLength: 1, maxLength: 2 }),
  });

  test("Terraform's files always survive; each run ends as documented; the output is whole, and complete after the next clean synth", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ kind, rounds }) => {
        // GIVEN a synthesized project (variant a) with Terraform's files in each stack
        const dir = join(work, `case-${++n}`);
        await project(dir, kind, "a");
        const out = join(dir, "out");
        const terraform = terraformFiles(tree(out));

        for (const { variant, faults } of rounds) {
          // WHEN synths of this round's version of the file run at once, each with its fault
          writeFileSync(join(dir, "cc.yaml"), text(kind, variant));
          const runs = await Promise.all(faults.map((f) => spawnCli(["synth", "cc.yaml", "--out", "out"], { cwd: dir, ...(f ? { fault: f, faultRoot: out } : {}) })));

          // THEN
          runs.forEach((r, i) => expectDocumentedEnd(r, faults[i]));
          for (const r of runs) endings[String(r.code ?? r.signal)] = (endings[String(r.code ?? r.signal)] ?? 0) + 1;
          const files = tree(out);
          expect(terraformFiles(files)).toEqual(terraform);
          if (!runs.some((r) => r.signal === "SIGKILL")) {
            // every stack's files come from one version of the file: the earlier one, or this one
            const whole = [await referenceOf(kind, "a"), await referenceOf(kind, "b")].some((ref) => JSON.stringify(generated(files)) === JSON.stringify(ref));
            expect([`round of ${JSON.stringify(faults)}`, whole]).toEqual([`round of ${JSON.stringify(faults)}`, true]);
          }
        }

        // WHEN a clean synth follows THEN it succeeds and the output is exactly a clean synth's, leftovers gone
        const clean = await spawnCli(["synth", "cc.yaml", "--out", "out"], { cwd: dir });
        expect([clean.code, clean.stderr]).toEqual([0, ""]);
        const files = tree(out);
        expect(terraformFiles(files)).toEqual(terraform);
        expect(synthLeftovers(files)).toEqual([]);
        expect(generated(files)).toEqual(await referenceOf(kind, rounds[rounds.length - 1]!.variant));
        rmSync(dir, { recursive: true, force: true });
        cases++;
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  }, 120_000 + RUNS * 120_000);
});
