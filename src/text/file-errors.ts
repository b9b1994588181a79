/**
 * What a file-system error means, in the words every message of this project uses: one table for reading a file
 * and one for writing one, so the same cause reads the same in `validate`, `import`, `check`, `manifest` and
 * `synth`. Each reason is a phrase that follows the file's name ("config.yaml: no such file").
 */

/** The `code` of a Node.js file-system error (ENOENT, EACCES, ...), or undefined for anything else. */
export function errnoCode(error: unknown): string | undefined {
  const code = typeof error === "object" && error !== null ? (error as NodeJS.ErrnoException).code : undefined;
  return typeof code === "string" ? code : undefined;
}

/** Why a file could not be read: "no such file", "permission denied", ... */
export function unreadableReason(error: unknown): string {
  const code = errnoCode(error);
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EISDIR":
      return "is a directory, not a file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENXIO":
      return "cannot be opened for reading (a socket, or a device with nothing behind it)";
    case "EBADF":
      return "is closed"; // a file descriptor (standard input) that was closed
    default:
      return `cannot be read (${code ?? (error instanceof Error ? error.message : undefined) ?? "unknown error"})`;
  }
}

/**
 * Why a file or folder could not be written, for the causes that read the same wherever they happen; undefined for
 * the others (a missing folder, a file in the way, ...), whose words depend on what was being written.
 */
export function unwritableReason(code: string | undefined): string | undefined {
  switch (code) {
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EROFS":
      return "the file system is read-only";
    case "ENOSPC":
    case "EDQUOT":
      return "no space left on the device (or the disk quota is used up)";
    case "EIO":
      return "input/output error";
    default:
      return undefined;
  }
}
