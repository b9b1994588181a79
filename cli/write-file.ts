import { closeSync, fsyncSync, linkSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import { EXIT, ExitError } from "./errors";

/**
 * Writes a whole file or nothing: the text goes to a temporary file beside the target (same file system), is
 * flushed, then takes the target's name in one step. Without `overwrite`, an existing target is never replaced
 * (the final step is a hard link, which fails if the name exists, so a file created meanwhile is safe too).
 */
export function writeFileAtomic(target: string, text: string, options: { readonly overwrite?: boolean; readonly mode?: number } = {}): void {
  const tmp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, "wx", options.mode ?? 0o644);
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (options.overwrite) renameSync(tmp, target);
    else linkSync(tmp, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST" && !options.overwrite) throw new ExitError(EXIT.usage, `${target} already exists; nothing was written (pass --force to replace it).`);
    const why = code === "ENOENT" ? "its folder does not exist" : code === "EACCES" || code === "EPERM" ? "permission denied" : code === "EISDIR" ? "it is a directory" : `${code ?? (error as Error).message}`;
    throw new ExitError(EXIT.usage, `${target} could not be written (${why}); nothing was written.`);
  } finally {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
  }
}
