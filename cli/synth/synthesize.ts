import { createHash, randomBytes } from "node:crypto";
import { existsSync, linkSync, lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, rmdirSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { dirname, join, resolve } from "node:path";
import type { StackInput } from "../../constructs/app";
import type { GenesysEmailStack } from "../../constructs/genesys-email-stack";
import { InterruptedError, Interrupts } from "./interrupts";
import { processAlive, SynthLock, type LockHolder } from "./lock";
import { otherOwner, STAGING_PREFIX, StackFolderSwap, type StackSource } from "./stack-folder";

export { type StackSource } from "./stack-folder";

/** A stack to synthesize, and the config it comes from (recorded in its folder). */
export interface SynthStackInput extends StackInput {
  /**
   * The config file the stack comes from (absolute, or a label such as `<stdin>`). A stack folder records it with
   * the stack's `environment`; a later synth of the same stack name from another source into the same output is
   * refused.
   * @default - the folder records no source and any source may write it
   */
  readonly sourceFile?: string;
}

/** What a stack folder records of the stack's origin: its file and environment. */
function sourceOf(s: SynthStackInput): StackSource | undefined {
  if (s.sourceFile === undefined) return undefined;
  return { file: s.sourceFile, ...(s.environment !== undefined ? { environment: s.environment } : {}) };
}

export interface SynthesizeOptions {
  /** The output folder: `<outDir>/stacks/<name>/cdk.tf.json`. */
  readonly outDir: string;
  /** Valid configs only (validate first): a construct that rejects its config stops the synth, nothing written. */
  readonly stacks: readonly SynthStackInput[];
  /**
   * How long to wait while another synth writes the same output folder.
   * @default 30_000
   */
  readonly lockTimeoutMs?: number;
  /** Told once when another synth holds the lock and this one starts waiting. */
  readonly onWait?: (holder: LockHolder | undefined) => void;
  /**
   * Whether the stacks run `terraform version` themselves (`GenesysEmailProps.checkTerraformVersion`).
   * @default true
   */
  readonly checkTerraformVersion?: boolean;
  /**
   * Awaited with the built stacks once they are synthesized into staging, before the lock and the swap: a
   * rejection stops the synth with nothing written (the CLI checks the stacks' `terraformNeeds` against its
   * `terraform version` here, so the probe runs beside the build).
   * @default - nothing to wait for
   */
  readonly beforeSwap?: (stacks: readonly GenesysEmailStack[]) => Promise<void>;
}

export interface SynthesizedStack {
  readonly name: string;
  /** `<outDir>/stacks/<name>` (absolute). */
  readonly directory: string;
  /** `<outDir>/stacks/<name>/cdk.tf.json` (absolute). */
  readonly file: string;
}

/** The lock file in the output folder, held while synth swaps its files in. */
export const LOCK_FILE = ".genesys-email-synth.lock";
export const DEFAULT_LOCK_TIMEOUT_MS = 30_000;

/** A stack folder of the output already holds another config's stack. */
export class StackOwnerError extends Error {
  constructor(
    readonly stack: string,
    readonly directory: string,
    readonly owner: StackSource,
    readonly claimant: StackSource,
  ) {
    super(`stack ${stack} is owned by ${owner.file}`);
    this.name = "StackOwnerError";
  }
}

/** Two stacks of one synth would share a folder where names differ only in case (macOS, Windows). */
export class StackNameClashError extends Error {
  constructor(readonly names: readonly [string, string]) {
    super(`stacks ${names[0]} and ${names[1]} share a folder on case-insensitive file systems`);
    this.name = "StackNameClashError";
  }
}

/** A swap failed and could not be undone everywhere: these paths may hold the new files. */
export class RollbackIncompleteError extends Error {
  constructor(
    readonly failure: unknown,
    readonly paths: readonly string[],
  ) {
    super(`could not restore ${paths.join(", ")}`);
    this.name = "RollbackIncompleteError";
  }
}

/** Short, per host: leftovers of a dead synth are recognised only on the host that made them. */
const HOST_TAG = createHash("sha256").update(hostname()).digest("hex").slice(0, 6);
const LEFTOVER = new RegExp(`^(?:${STAGING_PREFIX.replace(/[.]/g, "\\.")}(${HOST_TAG}-(\\d+)-[0-9a-f]+)$|${LOCK_FILE.replace(/[.]/g, "\\.")}\\.(?:stale|new)-(\\d+)-)`);
/** Tokens of the synths running in this process (the API may run several at once). */
const RUNNING = new Set<string>();

/**
 * Synthesizes stacks into `outDir`, all or none, keeping Terraform's files:
 * 1. CDKTF writes every stack into a staging folder inside `outDir` (no lock needed);
 * 2. an exclusive lock on `outDir` (a file with this process's PID; a dead holder's lock is taken over);
 * 3. each stack's files are copied into a staging area inside its own folder, then swapped in by
 *    rename, file by file; if any step fails every step is undone, so all stacks change or none;
 * 4. Terraform's files (`*.tfstate*`, `.terraform/`, `.terraform.lock.hcl`) are never moved,
 *    and files synth did not generate are left alone.
 * SIGINT/SIGTERM before the swap removes the staging folders and throws `InterruptedError`.
 */
export async function synthesize(options: SynthesizeOptions): Promise<SynthesizedStack[]> {
  const out = resolve(options.outDir);
  checkNames(options.stacks);
  const interrupts = new Interrupts().install();
  const token = `${HOST_TAG}-${process.pid}-${randomBytes(4).toString("hex")}`;
  const staging = join(out, `${STAGING_PREFIX}${token}`);
  const swaps: StackFolderSwap[] = [];
  let lock: SynthLock | undefined;
  let keepStaging = false;
  let swapped = false;
  // The first folder this synth created on the way to <out>/stacks, if any: removed again (when empty) after a failure.
  let createdRoot: string | undefined;
  RUNNING.add(token);
  try {
    createdRoot = mkdirSync(join(out, "stacks"), { recursive: true });
    checkOwners(out, options.stacks);
    mkdirSync(staging, { recursive: true }); // recursive: a failed synth beside this one may remove an empty <out>
    const generated = join(staging, "cdktf");
    // CDKTF is loaded here, not on import: validate and a config with errors never pay for it.
    const { buildApp } = require("../../constructs/app") as typeof import("../../constructs/app");
    const built = buildApp({ outDir: generated, stacks: options.stacks, ...(options.checkTerraformVersion !== undefined ? { checkTerraformVersion: options.checkTerraformVersion } : {}) });
    built.app.synth();
    const missing = options.stacks.filter((s) => !existsSync(join(generated, "stacks", s.name, "cdk.tf.json"))).map((s) => s.name);
    if (missing.length > 0) throw new Error(`CDKTF wrote no cdk.tf.json for stack(s) ${missing.join(", ")}.`);
    await options.beforeSwap?.(built.stacks);
    await interrupts.checkpoint();

    lock = await SynthLock.acquire(join(out, LOCK_FILE), {
      timeoutMs: options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS,
      checkpoint: () => interrupts.check(),
      ...(options.onWait ? { onWait: options.onWait } : {}),
    });
    removeLeftovers(out);
    checkOwners(out, options.stacks);
    for (const s of options.stacks) {
      const swap = new StackFolderSwap(join(out, "stacks", s.name), token);
      swaps.push(swap);
      swap.prepare(join(generated, "stacks", s.name), out, sourceOf(s));
    }
    const manifest = new ManifestSwap(out, staging);
    manifest.prepare(join(generated, "manifest.json"));
    await interrupts.checkpoint();
    lock.verify();

    // From here on nothing yields to the event loop: a signal waits until the swap is done or undone.
    try {
      for (const swap of swaps) swap.commit();
      manifest.commit();
      swapped = true;
    } catch (error) {
      const unrestored = [...manifest.rollback(), ...[...swaps].reverse().flatMap((swap) => swap.rollback())];
      if (unrestored.length > 0) {
        keepStaging = true;
        throw new RollbackIncompleteError(error, unrestored);
      }
      throw error;
    }
  } finally {
    // Best effort: what cannot be removed now is a dead synth's leftover for the next one to remove.
    if (!keepStaging) {
      for (const swap of swaps) quietly(() => swap.cleanup());
      quietly(() => rmSync(staging, { recursive: true, force: true }));
    }
    if (lock) quietly(() => lock!.release());
    if (!swapped && createdRoot !== undefined) removeEmptyFolders(join(out, "stacks"), createdRoot);
    interrupts.uninstall();
    RUNNING.delete(token);
  }
  // A signal that arrived during the swap: the output is complete, and the caller learns of the signal.
  if (interrupts.signal) throw new InterruptedError(interrupts.signal, true);
  return options.stacks.map(({ name }) => {
    const directory = join(out, "stacks", name);
    return { name, directory, file: join(directory, "cdk.tf.json") };
  });
}

/** Removes `from` and its parents up to `root` while they are empty: a failed first synth leaves no empty output folder. */
function removeEmptyFolders(from: string, root: string): void {
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      rmdirSync(dir);
    } catch {
      return; // not empty (another synth, or files of the user's), or already gone
    }
    if (dir === root || dirname(dir) === dir) return;
  }
}

function quietly(step: () => void): void {
  try {
    step();
  } catch {
    // see the caller
  }
}

function checkNames(stacks: readonly SynthStackInput[]): void {
  const seen = new Map<string, string>();
  for (const { name } of stacks) {
    const other = seen.get(name.toLowerCase());
    if (other !== undefined && other !== name) throw new StackNameClashError([other, name]);
    seen.set(name.toLowerCase(), name);
  }
}

function checkOwners(out: string, stacks: readonly SynthStackInput[]): void {
  for (const s of stacks) {
    const directory = join(out, "stacks", s.name);
    const source = sourceOf(s);
    const owner = otherOwner(directory, out, source);
    if (owner) throw new StackOwnerError(s.name, directory, owner, source!);
  }
}

/** Staging folders and lock files in the making or moved aside, of synths that died (killed, crashed) on this host. */
function removeLeftovers(out: string): void {
  const remove = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const m = LEFTOVER.exec(name);
      if (!m) continue;
      const pid = Number(m[2] ?? m[3]);
      const dead = pid === process.pid ? m[1] !== undefined && !RUNNING.has(m[1]) : !processAlive(pid);
      if (dead) rmSync(join(dir, name), { recursive: true, force: true });
    }
  };
  remove(out);
  const stacks = join(out, "stacks");
  let names: string[] = [];
  try {
    names = readdirSync(stacks);
  } catch {
    names = [];
  }
  for (const name of names) remove(join(stacks, name));
}

/**
 * CDKTF's `manifest.json` lists the stacks (the CDKTF CLI deletes stack folders it does not list):
 * the new stacks' entries plus those of other stacks still in the output folder.
 */
class ManifestSwap {
  private readonly target: string;
  private readonly fresh: string;
  private readonly kept: string;
  private step?: "created" | "replaced";

  constructor(
    private readonly out: string,
    staging: string,
  ) {
    this.target = join(out, "manifest.json");
    this.fresh = join(staging, "manifest.json");
    this.kept = join(staging, "manifest.previous.json");
  }

  prepare(generated: string): void {
    const next = JSON.parse(readFileSync(generated, "utf8")) as { stacks: Record<string, unknown> };
    let previous: Record<string, unknown> = {};
    try {
      previous = (JSON.parse(readFileSync(this.target, "utf8")) as { stacks?: Record<string, unknown> }).stacks ?? {};
    } catch {
      previous = {};
    }
    const stacks: Record<string, unknown> = {};
    for (const name of [...new Set([...Object.keys(previous), ...Object.keys(next.stacks)])].sort()) {
      if (next.stacks[name]) stacks[name] = next.stacks[name];
      else if (existsSync(join(this.out, "stacks", name))) stacks[name] = previous[name];
    }
    writeFileSync(this.fresh, `${JSON.stringify({ ...next, stacks }, null, 2)}\n`);
  }

  commit(): void {
    let exists = true;
    try {
      lstatSync(this.target);
    } catch {
      exists = false;
    }
    if (exists) {
      try {
        linkSync(this.target, this.kept);
      } catch {
        writeFileSync(this.kept, readFileSync(this.target));
      }
    }
    renameSync(this.fresh, this.target);
    this.step = exists ? "replaced" : "created";
  }

  rollback(): string[] {
    try {
      if (this.step === "replaced") renameSync(this.kept, this.target);
      else if (this.step === "created") unlinkSync(this.target);
      this.step = undefined;
      return [];
    } catch {
      return [this.target];
    }
  }
}
