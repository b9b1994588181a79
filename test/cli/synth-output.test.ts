// The files `genesys-email synth` writes for the examples, pinned byte for byte: a change to the Terraform, the
// migration request or the Exchange script shows here as a diff to review. Performance work must leave them as they
// are. After an intended change: UPDATE_SYNTH_OUTPUT=1 npx jest test/cli/synth-output.test.ts, and read the diff.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runCli } from "./run-cli";

const ROOT = resolve(__dirname, "../..");
const PINNED = join(ROOT, "test/fixtures/synth");
const UPDATE = process.env.UPDATE_SYNTH_OUTPUT === "1";
/** What synth wrote into a stack folder, except its ownership record (which holds paths of this machine). */
const filesOf = (folder: string) => readdirSync(folder).filter((f) => f !== ".genesys-email-stack.json");

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "genesys-synth-output-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.each(["contact-center", "environments"])("examples/%s.yaml", (example) => {
  test("synthesizes exactly the pinned files", async () => {
    // WHEN
    const out = join(work, example);
    const result = await runCli(["synth", join(ROOT, "examples", `${example}.yaml`), "--out", out]);
    expect(result.code).toBe(0);

    // THEN: every stack, every file, byte for byte
    const stacks = readdirSync(join(out, "stacks")).sort();
    for (const stack of stacks) {
      for (const file of filesOf(join(out, "stacks", stack))) {
        const actual = readFileSync(join(out, "stacks", stack, file), "utf8");
        const pinned = join(PINNED, example, stack, file);
        if (UPDATE) {
          mkdirSync(join(PINNED, example, stack), { recursive: true });
          writeFileSync(pinned, actual);
        }
        expect({ file: `${stack}/${file}`, text: actual }).toEqual({ file: `${stack}/${file}`, text: readFileSync(pinned, "utf8") });
      }
    }
    const pinnedFiles = readdirSync(join(PINNED, example)).flatMap((stack) => readdirSync(join(PINNED, example, stack)).map((f) => `${stack}/${f}`));
    const written = stacks.flatMap((stack) => filesOf(join(out, "stacks", stack)).map((f) => `${stack}/${f}`));
    expect(written.sort()).toEqual(pinnedFiles.sort());
  });
});
