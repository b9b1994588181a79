import { execFile, spawnSync } from "node:child_process";

/**
 * Which Terraform is on the PATH, asked once per process: the stacks declare `terraform_data`
 * (the mailbox records), which Terraform 1.4 and later know.
 *
 * CDKTF's `DataResource` answers that question with `ValidateTerraformVersion(">=1.4")`, an
 * `execSync("terraform version")` per resource at synth that fails synth when no Terraform is
 * installed. Here synth does not need Terraform (it only writes JSON; plan and apply may run on
 * another machine), so a missing binary is a warning and only a Terraform too old for what the
 * stacks use (`TERRAFORM_NEEDS`) is an error. The CLI starts the probe before it loads anything (`prefetchTerraformVersion`), so the
 * ~0.1–0.2 s `terraform version` takes runs beside loading, validating and building the stacks; it awaits
 * the answer just before it writes anything.
 */
export type TerraformVersion =
  | { readonly kind: "found"; readonly binary: string; readonly version: string }
  | { readonly kind: "missing"; readonly binary: string }
  | { readonly kind: "unknown"; readonly binary: string; readonly detail: string };

/** Something a stack uses that only a recent Terraform knows, and the clause that says so in messages. */
export interface TerraformNeed {
  readonly since: readonly [number, number, number];
  /** A clause ending in "which need(s) Terraform X or later", for "…, but <clause>: upgrade Terraform". */
  readonly clause: string;
}

/** `what` needs Terraform `major.minor` or later; the message clause is written from the same numbers. */
const need = (major: number, minor: number, what: string, verb: "need" | "needs"): TerraformNeed => ({
  since: [major, minor, 0],
  clause: `${what}, which ${verb} Terraform ${major}.${minor} or later`,
});

/**
 * What the stacks use that older Terraform lacks. `terraform_data` is new in Terraform 1.4
 * (https://developer.hashicorp.com/terraform/language/resources/terraform-data); `import` blocks and `plantimestamp()`
 * came in Terraform 1.5 (Terraform v1.5.0 changelog: "import blocks", "plantimestamp function").
 */
export const TERRAFORM_NEEDS = {
  terraformData: need(1, 4, "the mailbox records are terraform_data resources", "need"),
  importBlocks: need(1, 5, "the objects to adopt are import blocks", "need"),
  planTimestamp: need(1, 5, "the client secret rotation calls plantimestamp()", "needs"),
} as const satisfies Record<string, TerraformNeed>;

/** A hung binary (a wrapper waiting on a prompt, a slow network file system) must not hang synth. */
const PROBE_TIMEOUT_MS = 15_000;

/**
 * How `terraform version` runs, in the background or now: the same options either way. It also asks HashiCorp's
 * Checkpoint service whether a newer Terraform exists, unless CHECKPOINT_DISABLE is set (Terraform CLI docs,
 * "Environment Variables" and `disable_checkpoint`): synth needs no network, so the probe never asks.
 */
const probeOptions = (shell: boolean) =>
  ({ shell, env: { ...process.env, CHECKPOINT_DISABLE: "1" }, timeout: PROBE_TIMEOUT_MS, windowsHide: true, encoding: "utf8" }) as const;
const SEMVER = /\d+\.\d+\.\d+/;

/** The Terraform binary, as CDKTF names it (`TERRAFORM_BINARY_NAME`, e.g. `tofu`, else `terraform`). */
export function terraformBinary(env: NodeJS.ProcessEnv = process.env): string {
  return env.TERRAFORM_BINARY_NAME || "terraform";
}

/**
 * How to run it: directly, or on Windows through the shell, which alone finds `terraform.exe` or
 * a `.cmd` wrapper by PATHEXT (CDKTF's check also goes through the shell). A path with spaces is
 * quoted for cmd.exe.
 */
function command(binary: string): { file: string; shell: boolean } {
  if (process.platform !== "win32") return { file: binary, shell: false };
  return { file: /\s/.test(binary) && !binary.startsWith('"') ? `"${binary}"` : binary, shell: true };
}

let answered: TerraformVersion | undefined;
let pending: Promise<TerraformVersion> | undefined;

/** What execFile and spawnSync report: `code` is "ENOENT"/"ETIMEDOUT" or the exit status; `killed` after a timeout. */
interface ProbeError {
  readonly code?: string | number | null;
  readonly killed?: boolean;
}

function interpret(binary: string, error: ProbeError | null | undefined, stdout: string, stderr: string): TerraformVersion {
  if (error?.code === "ENOENT") return { kind: "missing", binary };
  const version = SEMVER.exec(stdout)?.[0];
  if (version !== undefined) return { kind: "found", binary, version };
  // stderr, not the error object: its message would repeat the command line and its arguments.
  const detail = (error ? `${error.code === "ETIMEDOUT" || error.killed ? "timed out" : "failed"}: ${stderr}` : `printed no version: ${stdout}`).trim().slice(0, 300);
  return { kind: "unknown", binary, detail };
}

/**
 * Starts `terraform version` in the background; `terraformVersion()` then uses its answer.
 * Resolves when the answer is in. Calling it again returns the same promise.
 */
export function prefetchTerraformVersion(): Promise<TerraformVersion> {
  if (answered) return Promise.resolve(answered);
  const binary = terraformBinary();
  if (pending) return pending;
  const probe: Promise<TerraformVersion> = new Promise((resolve) => {
    const { file, shell } = command(binary);
    execFile(file, ["version"], probeOptions(shell), (error, stdout, stderr) => {
      const result = interpret(binary, error, stdout, stderr);
      // A sync answer taken meanwhile (or a reset) wins: one process, one answer.
      if (pending === probe) answered ??= result;
      resolve(answered ?? result);
    });
  });
  pending = probe;
  return probe;
}

/** The answer: the prefetched one when it is in, else `terraform version` run now (once per process). */
export function terraformVersion(): TerraformVersion {
  if (answered) return answered;
  const binary = terraformBinary();
  const { file, shell } = command(binary);
  const result = spawnSync(file, ["version"], probeOptions(shell));
  answered = interpret(binary, (result.error as ProbeError | undefined) ?? (result.status !== 0 ? { code: result.status } : undefined), result.stdout ?? "", result.stderr ?? "");
  return answered;
}

function atLeast(version: string, min: readonly [number, number, number]): boolean {
  const parts = version.split(".").map(Number);
  for (let i = 0; i < 3; i++) {
    if (parts[i]! !== min[i]!) return parts[i]! > min[i]!;
  }
  return true;
}

/**
 * What the stacks' needs mean for this Terraform: an error (too old for one of them, naming each it lacks), a
 * warning (none found, or no version read: synth does not need it, plan and apply do), or nothing.
 * @param needs what the stacks use, e.g. `[TERRAFORM_NEEDS.terraformData]`; repeated needs count once
 */
export function terraformProblem(found: TerraformVersion, needs: readonly TerraformNeed[]): { readonly severity: "error" | "warning"; readonly message: string } | undefined {
  const clauses = (list: readonly TerraformNeed[]) => [...new Set(list.map((n) => n.clause))].join(", and ");
  if (needs.length === 0) return undefined;
  switch (found.kind) {
    case "found": {
      const lacking = needs.filter((n) => !atLeast(found.version, n.since));
      if (lacking.length === 0) return undefined;
      return {
        severity: "error",
        message: `${found.binary} ${found.version} is on the PATH, but ${clauses(lacking)}: upgrade Terraform (or set TERRAFORM_BINARY_NAME to a newer one).`,
      };
    }
    case "missing":
      return {
        severity: "warning",
        message: `${found.binary} was not found on the PATH. Synth does not need it, but plan and apply do: ${clauses(needs)}.`,
      };
    case "unknown": {
      const text = clauses(needs);
      return {
        severity: "warning",
        message: `Could not tell which Terraform "${found.binary} version" is (${found.detail}). ${text.charAt(0).toUpperCase()}${text.slice(1)}.`,
      };
    }
  }
}

/** For tests: forget the answer, so the next call asks again. */
export function resetTerraformVersionForTests(): void {
  answered = undefined;
  pending = undefined;
}
