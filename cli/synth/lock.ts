import { randomBytes } from "node:crypto";
import { readFileSync, renameSync, statSync, unlinkSync, linkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";

/** Who holds a synth lock: what the lock file says. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  /** The process's start time in clock ticks since boot (Linux), so a reused PID is not taken for the holder. */
  readonly started?: string;
  /** Unique per acquisition: tells this lock from a later one by the same process. */
  readonly token: string;
}

export interface AcquireOptions {
  /** How long to wait for another synth to finish before giving up. */
  readonly timeoutMs: number;
  /** Called once when the lock is held by another live synth, before waiting. */
  readonly onWait?: (holder: LockHolder | undefined) => void;
  /** Called between attempts; throws to stop waiting (an interrupt). */
  readonly checkpoint?: () => void;
}

/** Another synth kept the lock for longer than the wait allows. */
export class LockTimeoutError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holder: LockHolder | undefined,
  ) {
    super(`lock ${lockFile} is held${holder ? ` by pid ${holder.pid}` : ""}`);
    this.name = "LockTimeoutError";
  }
}

/** The lock file no longer names this process: someone removed or replaced it while synth ran. */
export class LockLostError extends Error {
  constructor(readonly lockFile: string) {
    super(`lock ${lockFile} was removed or taken over while synth was writing`);
    this.name = "LockLostError";
  }
}

/** A lock file without a holder's content (only where it is not created in one step) is stale after this. */
const UNREADABLE_GRACE_MS = 5000;
const POLL_MS = [40, 120] as const;

/** `/proc/<pid>/stat` field 22 (start time in ticks), Linux only. */
function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: count fields after its last ")".
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const v = JSON.parse(text) as Partial<LockHolder>;
    if (typeof v.pid !== "number" || typeof v.host !== "string" || typeof v.token !== "string") return undefined;
    return { pid: v.pid, host: v.host, token: v.token, ...(typeof v.started === "string" ? { started: v.started } : {}) };
  } catch {
    return undefined;
  }
}

/**
 * Whether the holder may still be running. A holder on another host cannot be checked: it is taken as
 * alive (the timeout message says how to remove its lock). On this host, a PID that no longer exists,
 * or now belongs to a process that started at another time, is gone.
 */
function holderAlive(holder: LockHolder, self: LockHolder): boolean {
  if (holder.host !== self.host) return true;
  if (holder.pid === self.pid) return holder.started === undefined || holder.started === self.started;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
  }
  if (holder.started === undefined) return true;
  const now = startTimeOf(holder.pid);
  return now === undefined || now === holder.started;
}

/** Whether a process of this host with that PID is running (for leftovers named after their PID). */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * An exclusive lock: a file created with O_EXCL holding the holder's PID, host and start time.
 * A lock whose holder is gone (crashed, killed) is taken over; one whose holder runs is waited for,
 * up to `timeoutMs`.
 */
export class SynthLock {
  private constructor(
    readonly file: string,
    readonly holder: LockHolder,
    private readonly text: string,
  ) {}

  static async acquire(file: string, options: AcquireOptions): Promise<SynthLock> {
    const self: LockHolder = {
      pid: process.pid,
      host: hostname(),
      ...(startTimeOf(process.pid) !== undefined ? { started: startTimeOf(process.pid)! } : {}),
      token: randomBytes(8).toString("hex"),
    };
    const text = `${JSON.stringify({ ...self, command: "genesys-email synth", since: new Date().toISOString() })}\n`;
    const deadline = Date.now() + options.timeoutMs;
    let told = false;
    for (;;) {
      options.checkpoint?.();
      if (create(file, text, self)) return new SynthLock(file, self, text);
      const seen = readLock(file);
      if (seen === undefined) continue; // released in between: try again at once
      const holder = parseHolder(seen.text);
      const stale = holder ? !holderAlive(holder, self) : Date.now() - seen.mtimeMs > UNREADABLE_GRACE_MS;
      if (stale) {
        breakStaleLock(file, seen.text);
        continue;
      }
      if (Date.now() >= deadline) throw new LockTimeoutError(file, holder);
      if (!told) {
        told = true;
        options.onWait?.(holder);
      }
      await sleep(POLL_MS[0] + Math.floor(Math.random() * (POLL_MS[1] - POLL_MS[0])));
    }
  }

  /** Throws `LockLostError` unless the lock file is still this one. */
  verify(): void {
    if (readLock(this.file)?.text !== this.text) throw new LockLostError(this.file);
  }

  /** Removes the lock file if it is still this one. */
  release(): void {
    if (readLock(this.file)?.text !== this.text) return;
    try {
      unlinkSync(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
}

/**
 * Creates the lock file with its content in one step, so no one ever reads it empty: written under a
 * name of its own, then hard-linked to the lock's name (which fails if the lock exists). Where the file
 * system has no hard links, an exclusive create (O_EXCL) and a write. False if the lock is held.
 */
function create(file: string, text: string, self: LockHolder): boolean {
  const fresh = `${file}.new-${self.pid}-${self.token}`;
  writeFileSync(fresh, text);
  try {
    linkSync(fresh, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "ENOSYS") throw error;
  } finally {
    try {
      unlinkSync(fresh);
    } catch {
      // a leftover the next synth removes
    }
  }
  try {
    writeFileSync(file, text, { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

function readLock(file: string): { text: string; mtimeMs: number } | undefined {
  try {
    const { mtimeMs } = statSync(file);
    return { text: readFileSync(file, "utf8"), mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * Removes a stale lock, and only that one: it is moved aside under a unique name and checked. If
 * another waiter had already replaced it with a live lock, that lock is put back.
 */
function breakStaleLock(file: string, staleText: string): void {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  let moved: string | undefined;
  try {
    moved = readFileSync(aside, "utf8");
  } catch {
    moved = undefined;
  }
  if (moved !== staleText) {
    try {
      linkSync(aside, file);
    } catch {
      // A third synth took the lock in between: the holder we moved finds out at its verify().
    }
  }
  try {
    unlinkSync(aside);
  } catch {
    // already gone
  }
}
