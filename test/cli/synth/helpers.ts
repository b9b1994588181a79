import { spawn, spawnSync } from "node:child_process";
import { lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { join, relative, resolve } from "node:path";

export const ROOT = resolve(__dirname, "../../..");
export const BIN = join(ROOT, "bin/genesys-email");
export const EXAMPLE = join(ROOT, "examples/contact-center.yaml");
export const ENVIRONMENTS = join(ROOT, "examples/environments.yaml");
const FAULTS = join(ROOT, "test/support/fs-faults.js");

/** A fault for test/support/fs-faults.js: the `at`-th file-system change under the root fails or signals. */
export type Fault = { readonly at: number; readonly code: string } | { readonly at: number; readonly signal: "SIGKILL" | "SIGINT" | "SIGTERM" };

export interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface SpawnOptions {
  readonly cwd: string;
  /** Runs as user nobody (through setpriv) when the tests run as root, where file modes do not stop writes. */
  readonly unprivileged?: boolean;
  readonly fault?: Fault;
  /** Where faults count file-system changes (default: cwd). */
  readonly faultRoot?: string;
  /** Called with the child once it runs (to send it signals). */
  readonly started?: (child: import("node:child_process").ChildProcess) => void;
}

const IS_ROOT = process.getuid?.() === 0;
const HAS_SETPRIV = spawnSync("setpriv", ["--version"]).status === 0;
export const NOBODY = 65534;
/** Whether user nobody can run the CLI from where this checkout lives (a clone inside a private folder cannot). */
const NOBODY_CAN_READ =
  !IS_ROOT ||
  !HAS_SETPRIV ||
  spawnSync("setpriv", [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups", "--", process.execPath, "-e", `require("fs").accessSync(${JSON.stringify(BIN)}, require("fs").constants.R_OK)`]).status === 0;
/** Why unprivileged runs cannot happen here, if they cannot. */
export const UNPRIVILEGED_UNAVAILABLE =
  IS_ROOT && !HAS_SETPRIV
    ? "tests run as root and setpriv is missing: file modes would not stop writes"
    : !NOBODY_CAN_READ
      ? `tests run as root and user nobody cannot read ${BIN} (a folder above it is private)`
      : undefined;

/** `bin/genesys-email <args>` in a process of its own, with only PATH from this environment. */
export function spawnCli(args: readonly string[], options: SpawnOptions): Promise<Run> {
  const node = [...(options.fault ? ["-r", FAULTS] : []), BIN, ...args];
  const [command, ...argv] =
    options.unprivileged && IS_ROOT ? ["setpriv", `--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups", "--", process.execPath, ...node] : [process.execPath, ...node];
  return new Promise((done, fail) => {
    const child = spawn(command!, argv, {
      cwd: options.cwd,
      env: {
        PATH: process.env.PATH ?? "",
        ...(options.fault ? { GENESYS_TEST_FAULT: JSON.stringify(options.fault), GENESYS_TEST_FAULT_ROOT: options.faultRoot ?? options.cwd } : {}),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", fail);
    child.on("close", (code, signal) => done({ code, signal, stdout, stderr }));
    options.started?.(child);
  });
}

/** Every entry under `dir` (hidden ones too), by relative path → file contents, or `<dir>`/`-> target`. */
export function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      const stat = lstatSync(path);
      const key = relative(dir, path);
      if (stat.isDirectory()) {
        out[key] = "<dir>";
        walk(path);
      } else if (stat.isSymbolicLink()) out[key] = `-> ${readlinkSync(path)}`;
      else out[key] = readFileSync(path, "utf8");
    }
  };
  walk(dir);
  return out;
}

/** The files Terraform keeps in a stack folder: local state and backups, `.terraform/`, the lock file. */
export function terraformFiles(files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).filter(([path]) => /(^|\/)(\.terraform(\/|$)|\.terraform\.lock\.hcl$|[^/]*\.tfstate[^/]*$)/.test(path)));
}

/** Entries left by synth's own machinery: staging folders, lock files. */
export function synthLeftovers(files: Record<string, string>): string[] {
  return Object.keys(files).filter((path) => /(^|\/)(\.genesys-synth-|\.genesys-email-synth\.lock)/.test(path) && !/\.genesys-synth-[^/]*\//.test(path));
}
