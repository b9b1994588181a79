import { copyFileSync, linkSync, lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";

/**
 * A stack folder (`<out>/stacks/<name>`) is shared with Terraform, which keeps its state, its
 * plugins and its lock file there. Synth only ever touches the files it generated: they are swapped
 * one by one inside the folder (each rename atomic), so Terraform's files never leave it.
 */

/** Which config a stack folder was synthesized from: the file, and the environment of it. */
export interface StackSource {
  /** The config file (absolute path), or a label in angle brackets for a config without one (`<stdin>`). */
  readonly file: string;
  /** The environment's name; undefined for a file without `environments:`. */
  readonly environment?: string;
}

/** Recorded in each stack folder: who owns it and what synth wrote there. */
export const STACK_RECORD = ".genesys-email-stack.json";
/** Prefix of synth's own temporary folders (in `<out>` and in each stack folder), then `<pid>-`. */
export const STAGING_PREFIX = ".genesys-synth-";

interface StackRecord {
  /** The config file, relative to the output folder (so the record holds across checkouts). */
  readonly source?: string;
  readonly environment?: string;
  /** The files synth generated here (beside this record). */
  readonly files: readonly string[];
}

/**
 * Files Terraform keeps in a stack's working directory; never generated, never moved or deleted:
 * local state and its backups, `.terraform/` (plugins, modules, backend), the dependency lock file
 * and a local state lock.
 */
export function isTerraformFile(name: string): boolean {
  return name === ".terraform" || name === ".terraform.lock.hcl" || name === ".terraform.tfstate.lock.info" || /\.tfstate(\.|$)/.test(name);
}

/** A name synth may have generated: a plain entry of the folder, not Terraform's, not synth's own. */
function isGeneratedName(name: unknown): name is string {
  return typeof name === "string" && name !== "" && name !== "." && name !== ".." && !/[\\/\0]/.test(name) && !isTerraformFile(name) && !name.startsWith(STAGING_PREFIX);
}

function readRecord(dir: string): StackRecord | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, STACK_RECORD), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw error;
  }
  try {
    const v = JSON.parse(text) as Partial<StackRecord>;
    return {
      ...(typeof v.source === "string" ? { source: v.source } : {}),
      ...(typeof v.environment === "string" ? { environment: v.environment } : {}),
      // A hand-edited record never makes synth remove anything but plain generated names.
      files: Array.isArray(v.files) ? v.files.filter(isGeneratedName) : [],
    };
  } catch {
    return undefined; // unreadable: the folder is taken as one from before records existed
  }
}

/** `<stdin>`: a source that is not a file. */
function isLabel(file: string): boolean {
  return /^<[^<>]*>$/.test(file);
}

function toPosix(path: string): string {
  return path.split(sep).join("/");
}

/** The source a stack folder records, when it differs from `source`: another file or environment owns it. */
export function otherOwner(dir: string, out: string, source: StackSource | undefined): StackSource | undefined {
  if (!source) return undefined;
  const record = readRecord(dir);
  if (!record?.source) return undefined;
  const owner: StackSource = { file: isLabel(record.source) ? record.source : resolve(out, record.source), ...(record.environment !== undefined ? { environment: record.environment } : {}) };
  const sameFile = isLabel(owner.file) || isLabel(source.file) ? owner.file === source.file : owner.file === resolve(source.file);
  return sameFile && owner.environment === source.environment ? undefined : owner;
}

/** One undoable step of a swap. */
type Step =
  | { readonly kind: "created"; readonly target: string; readonly fresh: string }
  | { readonly kind: "replaced"; readonly target: string; readonly fresh: string; readonly kept: string }
  | { readonly kind: "moved-away"; readonly target: string; readonly kept: string };

/**
 * One stack folder being updated: the new files are copied into a staging folder inside it
 * (`prepare`), then swapped in (`commit`), and every step can be undone (`rollback`).
 */
export class StackFolderSwap {
  private readonly staging: string;
  private readonly steps: Step[] = [];
  private fresh: string[] = [];
  private stale: string[] = [];
  /** Set when the folder did not exist: removed again (if empty) unless the swap is committed. */
  private createdFolder = false;
  private committed = false;

  constructor(
    readonly dir: string,
    token: string,
  ) {
    this.staging = join(dir, `${STAGING_PREFIX}${token}`);
  }

  /** Copies the stack's generated files from `from` into the folder's staging area, with the stack record. */
  prepare(from: string, out: string, source: StackSource | undefined): void {
    this.createdFolder = mkdirSync(this.dir, { recursive: true }) !== undefined;
    const previous = readRecord(this.dir);
    mkdirSync(join(this.staging, "new"), { recursive: true });
    mkdirSync(join(this.staging, "old"));
    const names = readdirSync(from).filter(isGeneratedName).sort();
    for (const name of names) copyTree(join(from, name), join(this.staging, "new", name));
    const record: StackRecord = {
      ...(source ? { source: isLabel(source.file) ? source.file : toPosix(relative(out, resolve(source.file))) } : {}),
      ...(source?.environment !== undefined ? { environment: source.environment } : {}),
      files: names,
    };
    writeFileSync(join(this.staging, "new", STACK_RECORD), `${JSON.stringify(record, null, 2)}\n`);
    // The record goes in last: a folder whose record names this source has all of this synth's files.
    this.fresh = [...names, STACK_RECORD];
    this.stale = (previous?.files ?? []).filter((name) => !names.includes(name));
  }

  /** Swaps the prepared files in, one atomic rename each; removes files an earlier synth generated that this one did not. */
  commit(): void {
    for (const name of this.fresh) {
      const target = join(this.dir, name);
      const fresh = join(this.staging, "new", name);
      const kept = join(this.staging, "old", name);
      const existing = lstatOrUndefined(target);
      if (!existing) {
        renameSync(fresh, target);
        this.steps.push({ kind: "created", target, fresh });
      } else if (existing.isDirectory()) {
        renameSync(target, kept);
        this.steps.push({ kind: "moved-away", target, kept });
        renameSync(fresh, target);
        this.steps.push({ kind: "created", target, fresh });
      } else {
        // Keep the old file (a hard link, a copy where links are not supported), then replace it
        // in one rename: the folder never lacks the file.
        keepCopy(target, kept);
        renameSync(fresh, target);
        this.steps.push({ kind: "replaced", target, fresh, kept });
      }
    }
    for (const name of this.stale) {
      const target = join(this.dir, name);
      if (!lstatOrUndefined(target)) continue;
      const kept = join(this.staging, "old", name);
      renameSync(target, kept);
      this.steps.push({ kind: "moved-away", target, kept });
    }
    this.committed = true;
  }

  /** Undoes every step taken, newest first. Returns the paths it could not restore. */
  rollback(): string[] {
    const failed: string[] = [];
    for (const step of this.steps.reverse()) {
      try {
        if (step.kind === "created") renameSync(step.target, step.fresh);
        else renameSync(step.kept, step.target);
      } catch {
        failed.push(step.target);
      }
    }
    this.steps.length = 0;
    this.committed = false;
    return failed;
  }

  /**
   * Removes the staging area (after a commit it holds only the previous generated files), and the
   * stack folder if this swap created it and did not commit.
   */
  cleanup(): void {
    rmSync(this.staging, { recursive: true, force: true });
    if (this.createdFolder && !this.committed) removeIfEmpty(this.dir);
  }
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

function keepCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "EXDEV" && code !== "EMLINK") throw error;
    copyFileSync(from, to);
  }
}

/** Copies a file or a folder of files (CDKTF writes plain files; assets would be folders). */
function copyTree(from: string, to: string): void {
  if (lstatSync(from).isDirectory()) {
    mkdirSync(to);
    for (const name of readdirSync(from)) copyTree(join(from, name), join(to, name));
  } else copyFileSync(from, to);
}

function removeIfEmpty(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // left as it is
  }
}
