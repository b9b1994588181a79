// npm run fuzz: the property-based tests (validator, YAML reader) with FUZZ_RUNS cases per property (default 4,000),
// each property in its own jest worker; prints the total count of cases.
const { spawnSync } = require("node:child_process");
const runs = process.env.FUZZ_RUNS ?? "4000";
const r = spawnSync(process.execPath, [require.resolve("jest/bin/jest"), "test/fuzz", "--testTimeout=1800000"], {
  env: { ...process.env, FUZZ_RUNS: runs },
  encoding: "utf8",
  stdio: ["ignore", "pipe", "inherit"],
});
process.stdout.write(r.stdout);
const total = [...r.stdout.matchAll(/^fuzz: (\d+) cases/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
process.stdout.write(`fuzz total: ${total} cases${r.status === 0 ? ", no failure" : ", FAILED (see above)"}\n`);
process.exit(r.status ?? 1);
