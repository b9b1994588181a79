// `validate` on inputs that never end or never start, as a user runs it: a real process, its exit code, its output,
// its peak memory and the CPU time it used (process.resourceUsage(), written by a --require hook at exit).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const BIN = join(__dirname, "..", "..", "bin", "genesys-email");

describe("validate reads a config with a bound", () => {
  const dir = mkdtempSync(join(tmpdir(), "ge-bounded-"));
  const hook = join(dir, "maxrss-hook.js");
  writeFileSync(hook, `process.on("exit", () => require("node:fs").writeFileSync(process.env.USAGE_FILE, JSON.stringify(process.resourceUsage())));\n`);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Through a small launcher process: on Linux a child's peak RSS starts as its parent's at fork (exec keeps it), and
  // a jest worker's is well over 100 MB; the launcher's (a bare node) is the floor instead.
  const launcher = join(dir, "launcher.js");
  writeFileSync(launcher, `const r = require("node:child_process").spawnSync(process.execPath, process.argv.slice(2), { stdio: "inherit" }); process.exitCode = r.status ?? 1;\n`);

  function validate(file: string, usageFile: string) {
    return spawnSync(process.execPath, [launcher, "--require", hook, BIN, "validate", file], { encoding: "utf8", env: { ...process.env, USAGE_FILE: usageFile }, timeout: 60_000 });
  }

  test("validate /dev/zero exits 2 within 2 seconds using under 100 MB (issue 16's must-show)", () => {
    const usageFile = join(dir, "zero.json");
    const r = validate("/dev/zero", usageFile);
    const usage = JSON.parse(readFileSync(usageFile, "utf8")) as NodeJS.ResourceUsage;

    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("genesys-email: /dev/zero: is larger than 16 MB, the limit for a config file (1,000 mailboxes take about 300 KB); is this the right file?\n");
    expect(r.status).toBe(2);
    expect(usage.maxRSS / 1024).toBeLessThan(100);
    // The issue demands 2 s. Asserted on the CPU time the process used (about 0.3 s here), which the load of a shared
    // machine does not stretch as it stretches wall-clock time; a process that read on would use far more.
    expect((usage.userCPUTime + usage.systemCPUTime) / 1e6).toBeLessThan(2);
  });

  test("a FIFO nobody writes to: exit 2 with the fix after the writer timeout, not a hang", () => {
    const fifo = join(dir, "config.fifo");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const r = validate(fifo, join(dir, "fifo.json"));
    expect(r.error).toBeUndefined(); // spawnSync's own 60 s timeout did not fire
    expect(r.stderr).toBe(`genesys-email: ${fifo}: is a FIFO and nothing was written to it within 10 s; start the process that writes the config first, or pass a regular file\n`);
    expect(r.status).toBe(2);
  }, 60_000);

  test("a config saved as UTF-16 by Windows PowerShell is named, with the fix", () => {
    const file = join(dir, "utf16.yaml");
    writeFileSync(file, Buffer.from("\ufeffmailboxes:\n  inbound: []\n", "utf16le"));
    const r = validate(file, join(dir, "utf16.json"));
    expect(r.stderr).toBe(`genesys-email: ${file}: is UTF-16 (little-endian) text; save the file as UTF-8 (in Windows PowerShell, Out-File and > write UTF-16: use Out-File -Encoding utf8 or Set-Content -Encoding utf8)\n`);
    expect(r.status).toBe(2);
  });
});
