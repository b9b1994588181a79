import { execFile } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** What a node process loaded, as the hook of `writeRecordLoadsHook` writes it at exit. */
export interface Loads {
  /** Packages the process asked `require` for (bare names; a bundle's own contents are not asked for). */
  readonly packages: string[];
  /** Every file in require.cache: real paths. */
  readonly files: string[];
  /** Whether zod's code ran: zod keeps its settings on globalThis (zod/v4/core/core.js), bundled or not. */
  readonly zod: boolean;
}

const HOOK = `
const Module = require("node:module");
const packages = new Set();
const load = Module._load;
Module._load = function (request, ...rest) {
  const m = /^(@[^/]+\\/[^/]+|[^./][^/]*)/.exec(request);
  if (m && !request.startsWith("node:")) packages.add(m[1]);
  return load.call(this, request, ...rest);
};
process.on("exit", () => require("node:fs").writeFileSync(process.env.RECORD_LOADS_TO, JSON.stringify({ packages: [...packages].sort(), files: Object.keys(require.cache), zod: globalThis.__zod_globalConfig !== undefined })));
`;

/** Writes the hook into `dir` and returns its path: run node with `--require <it>` and RECORD_LOADS_TO=<a file>. */
export function writeRecordLoadsHook(dir: string): string {
  const hook = join(dir, "record-loads.js");
  writeFileSync(hook, HOOK);
  return hook;
}

/** What the hook recorded in `file`; nothing when the process wrote no record (it never got to exit normally). */
export function readLoads(file: string): Loads {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Loads) : { packages: [], files: [], zod: false };
}

/** Runs `node --require <hook> <script> ...args`, recording into `record`; its exit code, stderr and loads. */
export function runRecordingLoads(hook: string, record: string, script: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<{ code: number; stderr: string } & Loads> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--require", hook, script, ...args], { cwd: options.cwd, env: { ...process.env, ...options.env, RECORD_LOADS_TO: record } }, (error, _stdout, stderr) => {
      const code = error ? ((error as { code?: number }).code ?? 1) : 0;
      resolve({ code, stderr, ...readLoads(record) });
    });
  });
}
