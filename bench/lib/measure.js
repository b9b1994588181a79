"use strict";
// Whole-process measurements: wall time (from spawn to exit), peak resident memory and CPU time.
// Peak memory and CPU time (user + system, children included) come from GNU time
// (`/usr/bin/time -f "%M %U %S"`, apt package `time`) when it is installed, else from a --require
// hook that writes process.resourceUsage() at exit (then without children's CPU).
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const GNU_TIME = "/usr/bin/time";
const hasGnuTime = fs.existsSync(GNU_TIME) && spawnSync(GNU_TIME, ["-f", "%M %U %S", "true"], { encoding: "utf8" }).status === 0;
const RSS_HOOK = path.join(__dirname, "maxrss-hook.js");
let counter = 0;

/**
 * Runs `node <args>` to completion. Returns { ms, rssMb, cpuMs, status, stdout, stderr }.
 * A non-zero exit throws unless `allowFailure`.
 */
function runNode(args, { cwd, env = process.env, allowFailure = false } = {}) {
  const out = path.join(os.tmpdir(), `genesys-bench-rss-${process.pid}-${++counter}`);
  const command = hasGnuTime ? GNU_TIME : process.execPath;
  const argv = hasGnuTime ? ["-f", "%M %U %S", "-o", out, process.execPath, ...args] : ["--require", RSS_HOOK, ...args];
  const childEnv = hasGnuTime ? env : { ...env, GENESYS_BENCH_RSS_FILE: out };
  const start = process.hrtime.bigint();
  const result = spawnSync(command, argv, { cwd, env: childEnv, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  let rssKb = NaN;
  let cpuMs = NaN;
  try {
    const [kb, user, system] = fs.readFileSync(out, "utf8").trim().split("\n").pop().split(" ").map(Number);
    rssKb = kb;
    cpuMs = (user + system) * 1000;
    fs.rmSync(out, { force: true });
  } catch {
    /* no figure */
  }
  if (result.status !== 0 && !allowFailure) {
    throw new Error(`node ${args.join(" ")} exited with ${result.status ?? result.signal}:\n${(result.stderr || result.stdout || "").slice(0, 2000)}`);
  }
  return { ms, rssMb: rssKb / 1024, cpuMs, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function stats(values) {
  const sorted = [...values].filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return { median: NaN, min: NaN, max: NaN, n: 0 };
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], n: sorted.length };
}

module.exports = { runNode, stats, hasGnuTime };
