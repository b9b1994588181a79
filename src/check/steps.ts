import { CheckError, StepTimeoutError, classify } from "./classify";
import type { Redactor } from "./redact";
import { inertLine } from "../text/terminal";
import type { StepName, StepResult } from "./types";

/** A step failed; the mailbox check stops there. */
export class StepFailed extends Error {
  constructor(
    readonly step: StepName,
    readonly reason: unknown,
  ) {
    super(`${step} failed`);
    this.name = "StepFailed";
  }
}

export interface StepOptions {
  /** What is being waited for, for the timeout message (e.g. `127.0.0.1:993`). */
  readonly what: string;
  /** Closes the connection when the step runs out of time. */
  readonly onTimeout?: () => void;
  /** The endpoint, when it is not the mailbox's server (the token endpoint), and the config field that names it. */
  readonly endpoint?: { readonly host: string; readonly port: number; readonly field?: string };
  /** Called with the timeout error when the step runs out of time. */
  readonly onTimeoutError?: (error: CheckError) => void;
}

/** Runs the steps of one mailbox check: each timed, each bounded by --timeout, each detail redacted. */
export class StepLog {
  readonly steps: StepResult[] = [];
  /** Ends the running step with an error (closing its connection), or nothing when no step runs. */
  private abortRunning?: (error: CheckError) => void;

  constructor(
    private readonly redactor: Redactor,
    private readonly timeoutMs: number,
  ) {}

  async run<T>(step: StepName, fn: () => Promise<T>, describe: (value: T) => string, options: StepOptions): Promise<T> {
    const start = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const work = fn();
    const deadline = new Promise<never>((_, reject) => {
      const stop = (error: CheckError) => {
        try {
          options.onTimeout?.();
        } finally {
          reject(error);
        }
      };
      this.abortRunning = stop;
      timer = setTimeout(() => {
        const error = new StepTimeoutError(this.timeoutMs / 1000, options.what, options.endpoint);
        options.onTimeoutError?.(error);
        stop(error);
      }, this.timeoutMs);
    });
    try {
      const value = await Promise.race([work, deadline]);
      this.steps.push({ step, ok: true, ms: elapsed(start), detail: this.clean(describe(value)) });
      return value;
    } catch (error) {
      work.catch(() => undefined); // the abandoned work may still fail later
      this.steps.push({ step, ok: false, ms: elapsed(start), detail: this.clean(classify(error).message) });
      throw new StepFailed(step, error);
    } finally {
      clearTimeout(timer);
      this.abortRunning = undefined;
    }
  }

  /** True while a step runs. */
  get running(): boolean {
    return this.abortRunning !== undefined;
  }

  /** Ends the running step now with this error (a diagnosis that makes waiting pointless); no-op between steps. */
  interrupt(error: CheckError): void {
    this.abortRunning?.(error);
  }

  /** Replaces the detail of the last recorded step (a diagnosis found after the step failed). */
  amendLast(detail: string): void {
    const last = this.steps[this.steps.length - 1];
    if (last) this.steps[this.steps.length - 1] = { ...last, detail: this.clean(detail) };
  }

  /** Records a step decided without I/O (a missing secret, a size comparison). */
  record(step: StepName, ok: boolean, detail: string): void {
    this.steps.push({ step, ok, ms: 0, detail: this.clean(detail) });
  }

  /** A detail as every format shows it: secrets redacted, then server text made inert (one line, no control character). */
  private clean(detail: string): string {
    return inertLine(this.redactor.redact(detail));
  }

  /** Records a failed step without I/O and stops the check. */
  fail(step: StepName, error: CheckError): never {
    this.record(step, false, error.message);
    throw new StepFailed(step, error);
  }
}

function elapsed(start: number): number {
  return Math.round(performance.now() - start);
}
