import { lstatSync, readlinkSync, statSync } from "node:fs";
import { hostname } from "node:os";
import { dirname, isAbsolute, join, relative, sep } from "node:path";
import { EXIT, ExitError } from "../errors";
import { InterruptedError, SIGNAL_EXIT } from "./interrupts";
import { LockLostError, LockTimeoutError } from "./lock";
import { STACK_RECORD, STAGING_PREFIX, type StackSource } from "./stack-folder";
import { LOCK_FILE, RollbackIncompleteError, StackNameClashError, StackOwnerError } from "./synthesize";
import { unwritableReason } from "../../src/text/file-errors";

/** Paths are shown relative to the working directory when inside it, else as they are. */
export function shownPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}

interface Context {
  /** The output folder (absolute). */
  readonly out: string;
  readonly cwd: string;
}

/**
 * The one line a user sees when synth fails for a reason that is not a bug: a file-system error
 * (naming the path and the fix), the lock, a stack folder owned by another config, a signal.
 * Undefined for anything else (a bug: the caller shows it as one).
 */
export function synthExitError(error: unknown, context: Context): ExitError | undefined {
  const show = (path: string) => shownPath(path, context.cwd);
  const out = show(context.out);
  const unchanged = `nothing in ${out} was changed`;
  if (error instanceof InterruptedError) {
    const state = error.written ? ` after ${out} was written completely` : `; ${unchanged}`;
    return new ExitError(SIGNAL_EXIT[error.signal], `interrupted by ${error.signal}${state}.`);
  }
  if (error instanceof LockTimeoutError) {
    const by = error.holder ? ` (pid ${error.holder.pid}${error.holder.host !== hostname() ? ` on ${error.holder.host}` : ""})` : "";
    return new ExitError(
      EXIT.usage,
      `another synth is writing ${out}${by}; ${unchanged}. Synth again when it has finished; if no synth is running, delete ${show(error.lockFile)}.`,
    );
  }
  if (error instanceof LockLostError) {
    return new ExitError(EXIT.usage, `${show(error.lockFile)} was removed or taken over while synth was writing; ${unchanged}. Synth again.`);
  }
  if (error instanceof StackOwnerError) {
    const claimant = sourceText(error.claimant, show);
    return new ExitError(
      EXIT.usage,
      `${claimant} maps to stack ${error.stack}, but ${show(error.directory)} holds the stack of ${sourceText(error.owner, show)}; ${unchanged}. ` +
        `Rename one of the files (a stack is named after its file, with characters other than letters, digits, _ and - as -) or synth into another --out; ` +
        `if ${claimant} replaces the other, delete ${show(join(error.directory, STACK_RECORD))} and synth again (Terraform's files stay).`,
    );
  }
  if (error instanceof StackNameClashError) {
    return new ExitError(
      EXIT.usage,
      `stacks ${error.names[0]} and ${error.names[1]} differ only in case and would share one folder on macOS and Windows; ${unchanged}. Rename one of the environments.`,
    );
  }
  if (error instanceof RollbackIncompleteError) {
    const cause = describeErrno(error.failure, show) ?? String((error.failure as Error)?.message ?? error.failure);
    return new ExitError(
      EXIT.usage,
      `${cause}; undoing the other changes failed for ${error.paths.map(show).join(", ")}, which may hold new files (Terraform's files were not touched). Fix the cause, then synth again.`,
    );
  }
  const line = describeErrno(error, show);
  return line === undefined ? undefined : new ExitError(EXIT.usage, `${line}; ${unchanged}.`);
}

function sourceText(source: StackSource, show: (path: string) => string): string {
  return source.environment !== undefined ? `environment ${source.environment} of ${show(source.file)}` : show(source.file);
}

/**
 * The path to name in a message: synth's own staging folders and its lock file are not the user's
 * concern, the folder holding them is (`out/stacks/cc/.genesys-synth-…/new/cdk.tf.json` → `out/stacks/cc`).
 */
function userPath(path: string): string {
  const parts = path.split(sep);
  const i = parts.findIndex((p) => p.startsWith(STAGING_PREFIX) || p.startsWith(LOCK_FILE));
  return i > 0 ? parts.slice(0, i).join(sep) || sep : path;
}

/** What stands where synth needs a folder: the nearest part of `path` that is a file or a dangling link. */
function blocker(path: string): { readonly path: string; readonly link?: string } | undefined {
  for (let p = path; ; p = dirname(p)) {
    try {
      const stat = lstatSync(p);
      if (stat.isSymbolicLink()) {
        try {
          if (!statSync(p).isDirectory()) return { path: p };
        } catch {
          return { path: p, link: readlinkSync(p) };
        }
      } else if (!stat.isDirectory()) return { path: p };
    } catch {
      // does not exist: look further up
    }
    if (dirname(p) === p) return undefined;
  }
}

/** A Node.js file-system error as one line: what failed, where, and what to do. */
function describeErrno(error: unknown, show: (path: string) => string): string | undefined {
  // Not `instanceof Error`: errors from node:fs may come from another realm (a vm context, jest).
  if (typeof error !== "object" || error === null) return undefined;
  const e = error as NodeJS.ErrnoException & { dest?: string };
  if (typeof e.code !== "string" || !/^E[A-Z]+$/.test(e.code) || typeof e.message !== "string") return undefined;
  // A copy or a rename fails where it writes: name the destination when there is one.
  const raw = e.dest ?? e.path;
  const path = raw !== undefined ? userPath(raw) : undefined;
  const at = path !== undefined ? show(path) : "the output folder";
  switch (e.code) {
    case "EACCES":
    case "EPERM":
      return `cannot write ${at}: ${unwritableReason(e.code)}. Make it writable for this user, or pass --out a folder you can write`;
    case "EROFS":
      return `cannot write ${at}: ${unwritableReason(e.code)}. Pass --out a folder on a writable file system`;
    case "ENOSPC":
    case "EDQUOT":
      return `cannot write ${at}: ${unwritableReason(e.code)}. Free some space, then synth again`;
    case "ENOTDIR":
    case "EEXIST":
    case "ENOENT": {
      const b = path !== undefined ? blocker(path) : undefined;
      if (b?.link !== undefined) return `${show(b.path)} is a symbolic link to ${b.link}, which does not exist. Create the folder it points to, or pass another --out`;
      if (b) return `${show(b.path)} is a file where synth needs a folder. Move the file away, or pass another --out`;
      return e.code === "ENOENT"
        ? `${at} disappeared while synth was writing (removed by another program?). Synth again`
        : `cannot write ${at}: ${e.code} (${e.message.replace(/\s+/g, " ")}). Fix the cause, then synth again`;
    }
    case "EISDIR":
      return `${at} is a folder where synth writes a file. Move the folder away, then synth again`;
    case "EBUSY":
      return `cannot change ${at}: it is busy (a mount point, or held open by another program). Stop what holds it, or pass another --out`;
    case "EXDEV": {
      const from = e.path !== undefined ? show(userPath(e.path)) : undefined;
      return `cannot move ${from !== undefined && from !== at ? `${from} to ` : ""}${at}: not on one file system. Pass --out a folder on a single file system`;
    }
    case "ELOOP":
      return `${at}: too many levels of symbolic links (a loop). Fix the link, or pass another --out`;
    case "ENAMETOOLONG":
      return `${at}: the path is too long. Pass a shorter --out`;
    case "EMFILE":
    case "ENFILE":
      return `cannot open ${at}: too many open files. Raise the limit (ulimit -n), then synth again`;
    case "EIO":
      return `cannot write ${at}: ${unwritableReason(e.code)}. Check the disk, then synth again`;
    default:
      return `cannot write ${at}: ${e.code} (${e.message.replace(/\s+/g, " ")}). Fix the cause, then synth again`;
  }
}
