import { closeSync, fsyncSync, linkSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import { EXIT, ExitError } from "./errors";
import { errnoCode, unwritableReason } from "../src/text/file-errors";

export interface WriteFileOptions {
  /**
   * Replace an existing file.
   * @default false - an existing file is never replaced
   */
  readonly overwrite?: boolean;
  /** @default 0o644 */
  readonly mode?: number;
  /**
   * The path as the user wrote it, for messages.
   * @default - the target path
   */
  readonly shownAs?: string;
  /**
   * What to do when the file exists and `overwrite` is off, for the message.
   * @default "pass --force to replace it"
   */
  readonly whenExists?: string;
}

/**
 * Writes a whole file or nothing, for every command that writes one (import, migrate, init): the text goes to a
 * temporary file beside the target (same file system), is flushed, then takes the target's name in one step.
 * Without `overwrite`, an existing target is never replaced: the final step is a hard link, which fails if the name
 * exists, so a file created meanwhile is safe too (where the file system has no hard links, an exclusive create).
 * Every failure is one line naming the file, exit 2; the temporary file never stays.
 */
export function writeFileAtomic(target: string, text: string, options: WriteFileOptions = {}): void {
  const shown = options.shownAs ?? target;
  const tmp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
  const mode = options.mode ?? 0o644;
  try {
    writeNewFlushed(tmp, text, mode);
    if (options.overwrite) renameSync(tmp, target);
    else linkNew(tmp, target, text, mode);
  } catch (error) {
    const code = errnoCode(error);
    if (code === "EEXIST" && !options.overwrite) throw new ExitError(EXIT.usage, `${shown} already exists; nothing was written (${options.whenExists ?? "pass --force to replace it"}).`);
    throw new ExitError(EXIT.usage, `${shown} could not be written (${why(code, error, shown)}); nothing was written.`);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** Creates `path` (never over an existing file) holding `text`, flushed to the disk. */
function writeNewFlushed(path: string, text: string, mode: number): void {
  const fd = openSync(path, "wx", mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Gives the flushed temporary file the target's name, never over an existing file. */
function linkNew(tmp: string, target: string, text: string, mode: number): void {
  try {
    linkSync(tmp, target);
  } catch (error) {
    const code = errnoCode(error);
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS") throw error;
    // no hard links here (some network and FUSE file systems): an exclusive create still never replaces a file
    writeNewFlushed(target, text, mode);
  }
}

function why(code: string | undefined, error: unknown, shown: string): string {
  switch (code) {
    case "ENOENT":
      return `the folder ${dirname(shown)} does not exist`;
    case "EISDIR":
      return "it is a folder";
    case "ENOTDIR":
      return "a part of the path is not a folder";
    default:
      return unwritableReason(code) ?? code ?? (error as Error).message;
  }
}
