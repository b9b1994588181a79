import { execFile } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { EXIT, ExitError, usageError } from "./errors";
import { quote } from "../src/text/terminal";

/** A file at a git revision: its text, or nothing when the revision has no such file. */
export interface FileAtRef {
  /** `REF:path/in/repo`, as messages and the diff name it. */
  readonly label: string;
  readonly text?: string;
}

interface GitResult {
  readonly code: number;
  readonly stdout: Buffer;
  readonly stderr: string;
  /** The output passed `maxBytes`: git was stopped. */
  readonly tooLarge?: boolean;
}

/** Runs git in `cwd`: output in memory (never a temp file), bounded by `maxBytes`. */
function git(args: readonly string[], cwd: string, maxBytes = 1024 * 1024): Promise<GitResult> {
  return new Promise((done, fail) => {
    execFile(
      "git",
      [...args],
      // C locale: messages are matched below; no pager, no prompt, no optional index lock.
      { cwd, encoding: "buffer", maxBuffer: maxBytes, env: { ...process.env, LC_ALL: "C", GIT_PAGER: "cat", GIT_TERMINAL_PROMPT: "0", GIT_OPTIONAL_LOCKS: "0" } },
      (error, stdout, stderr) => {
        // `code` is the exit status for a git that ran, a string for a failure to run or to read it.
        const code = (error as { code?: number | string } | null)?.code;
        if (code === "ENOENT") return fail(new ExitError(EXIT.usage, "git is not installed (or not on PATH); diff --base reads the file through git."));
        if (code === "ERR_CHILD_PROCESS_STDIO_MAXBUFFER") return done({ code: 1, stdout: Buffer.alloc(0), stderr: "", tooLarge: true });
        if (typeof code === "string") return fail(error!);
        done({ code: error ? (code ?? 1) : 0, stdout, stderr: stderr.toString("utf8") });
      },
    );
  });
}

/** The deepest existing ancestor, resolved through symlinks, with the rest appended: the path git sees. */
function realPathOf(path: string): string {
  let existing = path;
  const rest: string[] = [];
  while (!existsSync(existing) && dirname(existing) !== existing) {
    rest.unshift(basename(existing));
    existing = dirname(existing);
  }
  return join(realpathSync(existing), ...rest);
}

/** Where a file argument sits in its repository (`config/environments.yaml`), with `/` separators. */
export async function repositoryPath(file: string, cwd: string): Promise<{ root: string; path: string }> {
  const top = await git(["rev-parse", "--show-toplevel"], cwd);
  if (top.code !== 0) throw usageError(`diff --base needs a git repository; ${cwd} is not in one (${top.stderr.trim().split("\n")[0] ?? "git rev-parse failed"}).`);
  const root = top.stdout.toString("utf8").trim();
  const path = relative(realPathOf(root), realPathOf(isAbsolute(file) ? file : resolve(cwd, file))).split(sep).join("/");
  if (path === "" || path.startsWith("../") || path === ".." || isAbsolute(path)) throw usageError(`${file} is not inside the git repository at ${root}.`);
  return { root, path };
}

/** Checks that a revision names a commit, so a typo is a usage error rather than "the file is new". */
export async function verifyRevision(ref: string, flag: string, root: string): Promise<void> {
  if (ref.startsWith("-")) throw usageError(`${flag} ${quote(ref, 40)} is not a git revision.`);
  const r = await git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`], root);
  if (r.code !== 0) throw usageError(`${flag} ${quote(ref, 40)}: no such commit, branch or tag in this repository (for a pull request's base, fetch it first: git fetch origin BRANCH, then --base origin/BRANCH).`);
}

/** The file at a revision (`git show REF:path`), or no text when the revision has no such file. */
export async function readAtRevision(ref: string, path: string, root: string, maxBytes: number): Promise<FileAtRef> {
  const label = `${ref}:${path}`;
  const exists = await git(["cat-file", "-e", label], root);
  if (exists.code !== 0) return { label };
  const shown = await git(["show", label], root, maxBytes);
  if (shown.tooLarge) throw new ExitError(EXIT.usage, `${label}: file is larger than ${maxBytes / 1024 / 1024} MB`);
  if (shown.code !== 0) throw new ExitError(EXIT.usage, `git show ${label} failed: ${shown.stderr.trim().split("\n")[0] ?? ""}`);
  return { label, text: shown.stdout.toString("utf8") };
}
