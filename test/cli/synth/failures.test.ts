// Synth fails cleanly: one line naming the path and the fix, exit 2, the output folder as it was, and
// Terraform's files (state, .terraform/, the lock file) untouched, whatever fails and wherever.
// Real failures where this machine allows them (a file where a folder goes, a folder another user owns,
// a symbolic link to another file system, a dead or live lock holder, signals); injected ones
// (test/support/fs-faults.js, jest.spyOn on node:fs) for what needs a full disk or a read-only mount.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../run-cli";
import { ENVIRONMENTS, EXAMPLE, NOBODY, spawnCli, synthLeftovers, terraformFiles, tree, UNPRIVILEGED_UNAVAILABLE } from "./helpers";

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "genesys-synth-fail-"));
  chmodSync(work, 0o755); // readable by the unprivileged runs
});
afterEach(() => {
  jest.restoreAllMocks();
  rmSync(work, { recursive: true, force: true });
});

/** Terraform's files in a stack folder, as after `terraform init` and `apply` with the default local backend. */
function seedTerraform(out: string, stack: string): void {
  const dir = join(out, "stacks", stack);
  writeFileSync(join(dir, `terraform.${stack}.tfstate`), `{"version":4,"serial":7,"lineage":"${stack}"}`);
  writeFileSync(join(dir, `terraform.${stack}.tfstate.backup`), '{"version":4,"serial":6}');
  writeFileSync(join(dir, ".terraform.lock.hcl"), '# provider "registry.terraform.io/hashicorp/azuread"');
  mkdirSync(join(dir, ".terraform", "providers", "registry.terraform.io"), { recursive: true });
  writeFileSync(join(dir, ".terraform", "providers", "registry.terraform.io", "plugin"), "binary");
  writeFileSync(join(dir, ".terraform", "terraform.tfstate"), '{"backend":{"type":"local"}}');
}

/** The environments example, synthesized into `<work>/out`, with Terraform's files in every stack; its tree. */
async function synthesizedEnvironments(text = readFileSync(ENVIRONMENTS, "utf8")): Promise<{ file: string; out: string; before: Record<string, string> }> {
  const file = join(work, "environments.yaml");
  writeFileSync(file, text);
  chmodSync(file, 0o644);
  const out = join(work, "out");
  expect((await runCli(["synth", file, "--out", "out"], { cwd: work })).code).toBe(0);
  for (const stack of ["dev", "stage", "prod"]) seedTerraform(out, stack);
  return { file, out, before: tree(out) };
}

/** The example changed so that every stack's cdk.tf.json changes. */
const changed = () => readFileSync(ENVIRONMENTS, "utf8").replace("maxSizeMb: 10", "maxSizeMb: 12");

function errno(code: string, syscall: string, path: string, dest?: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected, ${syscall} '${path}'`), { code, errno: -1, syscall, path, ...(dest !== undefined ? { dest } : {}) });
}

describe("synth: a file or a link where a folder goes", () => {
  test("--out is a file", async () => {
    writeFileSync(join(work, "out"), "notes");
    const r = await runCli(["synth", EXAMPLE, "--out", "out"], { cwd: work });
    expect(r).toEqual({ code: 2, stdout: "", stderr: "genesys-email: out is a file where synth needs a folder. Move the file away, or pass another --out; nothing in out was changed.\n" });
    expect(readFileSync(join(work, "out"), "utf8")).toBe("notes");
  });

  test("a folder above --out is a file", async () => {
    writeFileSync(join(work, "build"), "notes");
    const r = await runCli(["synth", EXAMPLE, "--out", "build/tf/out"], { cwd: work });
    expect(r.stderr).toBe("genesys-email: build is a file where synth needs a folder. Move the file away, or pass another --out; nothing in build/tf/out was changed.\n");
    expect(r.code).toBe(2);
  });

  test("--out is a symbolic link to a folder that does not exist", async () => {
    symlinkSync(join(work, "gone"), join(work, "out"));
    const r = await runCli(["synth", EXAMPLE, "--out", "out"], { cwd: work });
    expect(r.stderr).toBe(`genesys-email: out is a symbolic link to ${join(work, "gone")}, which does not exist. Create the folder it points to, or pass another --out; nothing in out was changed.\n`);
    expect(r.code).toBe(2);
  });

  test("one stack's folder is a file: no stack changes", async () => {
    // GIVEN
    const { file, out } = await synthesizedEnvironments();
    rmSync(join(out, "stacks", "prod"), { recursive: true });
    writeFileSync(join(out, "stacks", "prod"), "not a folder");
    const before = tree(out);
    writeFileSync(file, changed());

    // WHEN
    const r = await runCli(["synth", file, "--out", "out"], { cwd: work });

    // THEN
    expect(r.stderr).toBe("genesys-email: out/stacks/prod is a file where synth needs a folder. Move the file away, or pass another --out; nothing in out was changed.\n");
    expect(r.code).toBe(2);
    expect(tree(out)).toEqual(before);
  });
});

describe(`synth: a folder this user cannot write (a real EACCES)${UNPRIVILEGED_UNAVAILABLE ? ` (skipped: ${UNPRIVILEGED_UNAVAILABLE})` : ""}`, () => {
  // As root, file modes do not stop writes: these run as user nobody through setpriv.
  const it = UNPRIVILEGED_UNAVAILABLE ? test.skip : test;

  it("--out owned by another user: one line, exit 2, nothing changed", async () => {
    // GIVEN a previous synth, read-only for this user
    const out = join(work, "out");
    expect((await runCli(["synth", EXAMPLE, "--out", "out"], { cwd: work })).code).toBe(0);
    seedTerraform(out, "contact-center");
    chmodSync(out, 0o555);
    const before = tree(out);

    // WHEN
    const r = await spawnCli(["synth", EXAMPLE, "--out", "out"], { cwd: work, unprivileged: true });

    // THEN
    expect(r.stderr).toBe("genesys-email: cannot write out: permission denied. Make it writable for this user, or pass --out a folder you can write; nothing in out was changed.\n");
    expect(r.code).toBe(2);
    expect(tree(out)).toEqual(before);
  });

  it("the last stack's folder owned by another user: the other stacks do not change either", async () => {
    // GIVEN every folder writable by nobody but prod's
    const { file, out, before } = await synthesizedEnvironments();
    writeFileSync(file, changed());
    for (const path of [out, join(out, "stacks"), join(out, "stacks", "dev"), join(out, "stacks", "stage")]) chownSync(path, NOBODY, NOBODY);
    chmodSync(join(out, "stacks", "prod"), 0o555);

    // WHEN
    const r = await spawnCli(["synth", file, "--out", "out"], { cwd: work, unprivileged: true });

    // THEN
    expect(r.stderr).toBe("genesys-email: cannot write out/stacks/prod: permission denied. Make it writable for this user, or pass --out a folder you can write; nothing in out was changed.\n");
    expect(r.code).toBe(2);
    expect(tree(out)).toEqual(before);
  });
});

describe("synth: --out on another file system", () => {
  const shm = "/dev/shm";
  const otherFs = existsSync(shm) && statSync(shm).dev !== statSync(tmpdir()).dev;

  (otherFs ? test : test.skip)("a symbolic link to a folder on another file system: written, and Terraform's files stay", async () => {
    // GIVEN
    const target = mkdtempSync(join(shm, "genesys-synth-"));
    try {
      symlinkSync(target, join(work, "out"));
      expect((await runCli(["synth", EXAMPLE, "--out", "out"], { cwd: work })).code).toBe(0);
      seedTerraform(join(work, "out"), "contact-center");
      const terraform = terraformFiles(tree(target));

      // WHEN
      const r = await runCli(["synth", EXAMPLE.replace("contact-center.yaml", "contact-center.yaml"), "--out", "out"], { cwd: work });

      // THEN
      expect([r.code, r.stderr]).toEqual([0, ""]);
      expect(terraformFiles(tree(target))).toEqual(terraform);
      expect(synthLeftovers(tree(target))).toEqual([]);
    } finally {
      rmSync(target, { recursive: true, force: true });
    }
  });
});

describe("synth: failures that need a full disk, a read-only mount or a busy file (injected)", () => {
  test.each([
    ["ENOSPC", "copyFileSync", "cannot write out/stacks/dev: no space left on the device (or the disk quota is used up). Free some space, then synth again"],
    ["EROFS", "mkdirSync", "cannot write out: the file system is read-only. Pass --out a folder on a writable file system"],
    ["EIO", "writeFileSync", "cannot write out: input/output error. Check the disk, then synth again"],
  ])("%s while staging: one line, nothing changed", async (code, syscall, message) => {
    // GIVEN
    const { file, out, before } = await synthesizedEnvironments();
    writeFileSync(file, changed());
    const original = fs[syscall as "copyFileSync"] as (...args: unknown[]) => unknown;
    jest.spyOn(fs, syscall as "copyFileSync").mockImplementation(((...args: unknown[]) => {
      const [path, dest] = [String(args[0]), syscall === "copyFileSync" ? String(args[1]) : undefined];
      if ((dest ?? path).startsWith(join(out, syscall === "copyFileSync" ? "stacks" : ".genesys-synth-"))) throw errno(code, syscall.replace(/Sync$/, ""), path, dest);
      return original(...args);
    }) as never);

    // WHEN
    const r = await runCli(["synth", file, "--out", "out"], { cwd: work });

    // THEN
    expect(r.stderr).toBe(`genesys-email: ${message}; nothing in out was changed.\n`);
    expect(r.code).toBe(2);
    jest.restoreAllMocks();
    expect(tree(out)).toEqual(before);
  });

  test("EBUSY on the last stack's swap: the stacks already swapped are put back", async () => {
    // GIVEN
    const { file, out, before } = await synthesizedEnvironments();
    writeFileSync(file, changed());
    const rename = fs.renameSync;
    jest.spyOn(fs, "renameSync").mockImplementation((from, to) => {
      if (String(to) === join(out, "stacks", "prod", "cdk.tf.json")) throw errno("EBUSY", "rename", String(from), String(to));
      return rename(from, to);
    });

    // WHEN
    const r = await runCli(["synth", file, "--out", "out"], { cwd: work });

    // THEN
    expect(r.stderr).toBe(
      "genesys-email: cannot change out/stacks/prod/cdk.tf.json: it is busy (a mount point, or held open by another program). Stop what holds it, or pass another --out; nothing in out was changed.\n",
    );
    expect(r.code).toBe(2);
    jest.restoreAllMocks();
    expect(tree(out)).toEqual(before);
  });

  test("a swap fails and undoing it fails too: the paths are named, Terraform's files are untouched", async () => {
    // GIVEN
    const { file, out, before } = await synthesizedEnvironments();
    writeFileSync(file, changed());
    const rename = fs.renameSync;
    jest.spyOn(fs, "renameSync").mockImplementation((from, to) => {
      if (String(to) === join(out, "stacks", "prod", "cdk.tf.json")) throw errno("EXDEV", "rename", String(from), String(to));
      if (String(to) === join(out, "stacks", "dev", "cdk.tf.json") && String(from).includes("/old/")) throw errno("EIO", "rename", String(from), String(to));
      return rename(from, to);
    });

    // WHEN
    const r = await runCli(["synth", file, "--out", "out"], { cwd: work });

    // THEN
    expect(r.stderr).toBe(
      "genesys-email: cannot move out/stacks/prod to out/stacks/prod/cdk.tf.json: not on one file system. Pass --out a folder on a single file system; undoing the other changes failed for out/stacks/dev/cdk.tf.json, which may hold new files (Terraform's files were not touched). Fix the cause, then synth again.\n",
    );
    expect(r.code).toBe(2);
    jest.restoreAllMocks();
    const after = tree(out);
    expect(terraformFiles(after)).toEqual(terraformFiles(before));
    expect(after["stacks/stage/cdk.tf.json"]).toBe(before["stacks/stage/cdk.tf.json"]);
    // WHEN synthesized again THEN complete
    expect((await runCli(["synth", file, "--out", "out"], { cwd: work })).code).toBe(0);
    const again = tree(out);
    for (const stack of ["dev", "stage", "prod"]) expect(again[`stacks/${stack}/cdk.tf.json`]).toContain('"maxSizeMb": 12');
    expect(terraformFiles(again)).toEqual(terraformFiles(before));
    expect(synthLeftovers(again)).toEqual([]);
  });
});

describe("synth: the lock", () => {
  let holder: ChildProcess | undefined;
  afterEach(() => {
    holder?.kill("SIGKILL");
    holder = undefined;
  });

  /** A live process holding the lock of `out`, as another synth would. */
  function holdLock(out: string, host = hostname()): number {
    holder = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
    writeFileSync(join(out, ".genesys-email-synth.lock"), JSON.stringify({ pid: holder.pid, host, token: "held-by-test" }));
    return holder.pid!;
  }

  test("held by a running synth: waits up to --lock-timeout, then one line naming the holder, exit 2", async () => {
    // GIVEN
    const { out, before } = await synthesizedEnvironments();
    const pid = holdLock(out);

    // WHEN
    const r = await runCli(["synth", join(work, "environments.yaml"), "--out", "out", "--lock-timeout", "300ms"], { cwd: work });

    // THEN
    expect(r.stderr).toBe(
      `Waiting for another synth writing out (pid ${pid})...\n` +
        `genesys-email: another synth is writing out (pid ${pid}); nothing in out was changed. Synth again when it has finished; if no synth is running, delete out/.genesys-email-synth.lock.\n`,
    );
    expect(r.code).toBe(2);
    expect(tree(out)).toEqual({ ...before, ".genesys-email-synth.lock": expect.stringContaining(`"pid":${pid}`) });
  });

  test("held on another host: cannot be checked, so it is waited for and named with the host", async () => {
    const { out } = await synthesizedEnvironments();
    const pid = holdLock(out, "build-agent-7");
    const r = await runCli(["synth", join(work, "environments.yaml"), "--out", "out", "--lock-timeout", "0"], { cwd: work });
    expect(r.stderr).toContain(`genesys-email: another synth is writing out (pid ${pid} on build-agent-7); nothing in out was changed.`);
    expect(r.code).toBe(2);
  });

  test("left by a synth that died: taken over, and removed when done", async () => {
    // GIVEN a lock whose process has ended
    const { out } = await synthesizedEnvironments();
    holdLock(out);
    holder!.kill("SIGKILL");
    await new Promise((done) => holder!.once("exit", done));

    // WHEN
    const r = await runCli(["synth", join(work, "environments.yaml"), "--out", "out", "--lock-timeout", "0"], { cwd: work });

    // THEN
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(existsSync(join(out, ".genesys-email-synth.lock"))).toBe(false);
  });

  test("a bad --lock-timeout is a usage error", async () => {
    const r = await runCli(["synth", EXAMPLE, "--lock-timeout", "soon"], { cwd: work });
    expect(r.stderr).toBe("genesys-email: --lock-timeout must be a duration such as 30s, 2m or 0; `soon` given.\nRun genesys-email synth --help for usage.\n");
    expect(r.code).toBe(2);
  });

  test.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)("%s while waiting: staging removed, exit %i, nothing changed", async (signal, code) => {
    // GIVEN a synth waiting for the lock (so it is interrupted before its swap)
    const { out, before } = await synthesizedEnvironments(changed());
    holdLock(out);
    const lockText = readFileSync(join(out, ".genesys-email-synth.lock"), "utf8");
    let synth: ChildProcess | undefined;
    const running = spawnCli(["synth", "environments.yaml", "--out", "out", "--lock-timeout", "60s"], { cwd: work, started: (child) => (synth = child) });
    await waitFor(() => readdirSync(out).some((n) => n.startsWith(".genesys-synth-")) && existsSync(join(out, ".genesys-email-synth.lock")), 30_000);
    await new Promise((done) => setTimeout(done, 300)); // past its staging, into the wait

    // WHEN
    synth!.kill(signal);
    const r = await running;

    // THEN
    expect(r.stderr).toMatch(new RegExp(`genesys-email: interrupted by ${signal}; nothing in out was changed\\.\\n$`));
    expect(r.code).toBe(code);
    expect(tree(out)).toEqual({ ...before, ".genesys-email-synth.lock": lockText });
  });

  test("a synth killed outright leaves its staging folder; the next synth removes it", async () => {
    // GIVEN a synth killed (SIGKILL) while it waited, and its lock-holder gone too
    const { out } = await synthesizedEnvironments(changed());
    holdLock(out);
    let synth: ChildProcess | undefined;
    const running = spawnCli(["synth", "environments.yaml", "--out", "out"], { cwd: work, started: (child) => (synth = child) });
    await waitFor(() => readdirSync(out).some((n) => n.startsWith(".genesys-synth-")), 30_000);
    await new Promise((done) => setTimeout(done, 300));
    synth!.kill("SIGKILL");
    expect((await running).signal).toBe("SIGKILL");
    holder!.kill("SIGKILL");
    await new Promise((done) => holder!.once("exit", done));
    expect(synthLeftovers(tree(out)).length).toBeGreaterThan(0);

    // WHEN
    const r = await runCli(["synth", "environments.yaml", "--out", "out"], { cwd: work });

    // THEN
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(synthLeftovers(tree(out))).toEqual([]);
  });
});

describe("synth: one stack folder, one source", () => {
  test("team.a.yaml and `team a.yaml` both map to stack team-a: the second is refused, naming both", async () => {
    // GIVEN team.a.yaml synthesized, with Terraform state
    for (const name of ["team.a.yaml", "team a.yaml"]) writeFileSync(join(work, name), readFileSync(EXAMPLE));
    expect((await runCli(["synth", "team.a.yaml", "--out", "out"], { cwd: work })).code).toBe(0);
    seedTerraform(join(work, "out"), "team-a");
    const before = tree(join(work, "out"));

    // WHEN
    const r = await runCli(["synth", "team a.yaml", "--out", "out"], { cwd: work });

    // THEN
    expect(r.stderr).toBe(
      "genesys-email: team a.yaml maps to stack team-a, but out/stacks/team-a holds the stack of team.a.yaml; nothing in out was changed. " +
        "Rename one of the files (a stack is named after its file, with characters other than letters, digits, _ and - as -) or synth into another --out; " +
        "if team a.yaml replaces the other, delete out/stacks/team-a/.genesys-email-stack.json and synth again (Terraform's files stay).\n",
    );
    expect(r.code).toBe(2);
    expect(tree(join(work, "out"))).toEqual(before);
    // the owner itself synthesizes again as before, from another working directory too
    mkdirSync(join(work, "sub"));
    expect((await runCli(["synth", "../team.a.yaml", "--out", "../out"], { cwd: join(work, "sub") })).code).toBe(0);
  });

  test("the same environment name in two files: refused, naming both environments", async () => {
    // GIVEN
    await synthesizedEnvironments();
    writeFileSync(join(work, "other.yaml"), readFileSync(ENVIRONMENTS));

    // WHEN
    const r = await runCli(["synth", "other.yaml", "--out", "out", "--env", "prod"], { cwd: work });

    // THEN
    expect(r.stderr).toMatch(/^genesys-email: environment prod of other\.yaml maps to stack prod, but out\/stacks\/prod holds the stack of environment prod of environments\.yaml; nothing in out was changed\./);
    expect(r.code).toBe(2);
  });

  test("deleting the stack record hands the folder over; Terraform's files stay", async () => {
    for (const name of ["team.a.yaml", "team a.yaml"]) writeFileSync(join(work, name), readFileSync(EXAMPLE));
    expect((await runCli(["synth", "team.a.yaml", "--out", "out"], { cwd: work })).code).toBe(0);
    seedTerraform(join(work, "out"), "team-a");
    const terraform = terraformFiles(tree(join(work, "out")));
    rmSync(join(work, "out/stacks/team-a/.genesys-email-stack.json"));

    const r = await runCli(["synth", "team a.yaml", "--out", "out"], { cwd: work });

    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(terraformFiles(tree(join(work, "out")))).toEqual(terraform);
    expect(JSON.parse(readFileSync(join(work, "out/stacks/team-a/.genesys-email-stack.json"), "utf8")).source).toBe("../team a.yaml");
  });

  test("a config from standard input needs --stack; its stack is owned by <stdin>: again from stdin is fine, a file of that name is refused", async () => {
    const example = readFileSync(EXAMPLE, "utf8");
    expect(await runCli(["synth", "-", "--out", "out"], { cwd: work, stdin: example })).toEqual({
      code: 2,
      stdout: "",
      stderr: expect.stringMatching(/^genesys-email: synth - needs --stack NAME: a config from standard input has no file name to name its stack \(and its state\) after\.\n/),
    });
    expect(readdirSync(work)).toEqual([]);
    for (let i = 0; i < 2; i++) expect(await runCli(["synth", "-", "--stack", "cc", "--out", "out"], { cwd: work, stdin: example })).toEqual({ code: 0, stdout: "cc: out/stacks/cc/cdk.tf.json\n", stderr: "" });
    expect(JSON.parse(readFileSync(join(work, "out/stacks/cc/.genesys-email-stack.json"), "utf8")).source).toBe("<stdin>");
    writeFileSync(join(work, "cc.yaml"), example);
    const r = await runCli(["synth", "cc.yaml", "--out", "out"], { cwd: work });
    expect(r.stderr).toMatch(/^genesys-email: cc\.yaml maps to stack cc, but out\/stacks\/cc holds the stack of <stdin>; nothing in out was changed\./);
    expect(r.code).toBe(2);
  });

  test("--stack names the stack of a file without environments; with environments, or not a folder name, it is refused", async () => {
    writeFileSync(join(work, "email.yaml"), readFileSync(EXAMPLE, "utf8"));
    expect(await runCli(["synth", "email.yaml", "--stack", "contoso-prod", "--out", "out"], { cwd: work })).toEqual({ code: 0, stdout: "contoso-prod: out/stacks/contoso-prod/cdk.tf.json\n", stderr: "" });
    expect(JSON.parse(readFileSync(join(work, "out/stacks/contoso-prod/cdk.tf.json"), "utf8")).terraform.backend).toEqual({ local: { path: "terraform.contoso-prod.tfstate" } });
    const bad = await runCli(["synth", "email.yaml", "--stack", "../x", "--out", "out2"], { cwd: work });
    expect([bad.code, bad.stderr.split("\n")[0]]).toEqual([2, "genesys-email: --stack `../x`: a stack name uses only letters, digits, _, . and - (it names a folder)."]);
    writeFileSync(join(work, "envs.yaml"), `${readFileSync(EXAMPLE, "utf8")}\nenvironments:\n  dev: {}\n`);
    const envs = await runCli(["synth", "envs.yaml", "--stack", "x", "--out", "out3"], { cwd: work });
    expect([envs.code, envs.stderr.split("\n")[0]]).toEqual([2, "genesys-email: --stack names the stack of a file without environments; envs.yaml's stacks are its environments (pick one with --env)."]);
    expect(readdirSync(work).sort()).toEqual(["email.yaml", "envs.yaml", "out"]);
  });

  test("two environments whose names differ only in case: refused before anything is written", async () => {
    writeFileSync(join(work, "case.yaml"), `${readFileSync(EXAMPLE, "utf8")}\nenvironments:\n  Prod: {}\n  prod: {}\n`);
    const r = await runCli(["synth", "case.yaml", "--out", "out"], { cwd: work });
    expect(r.stderr).toBe("genesys-email: stacks Prod and prod differ only in case and would share one folder on macOS and Windows; nothing in out was changed. Rename one of the environments.\n");
    expect(r.code).toBe(2);
    expect(readdirSync(work)).toEqual(["case.yaml"]);
  });
});

async function waitFor(condition: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error("timed out waiting for the synth to reach its lock");
    await new Promise((done) => setTimeout(done, 50));
  }
}
