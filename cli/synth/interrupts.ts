/** SIGINT and SIGTERM while synth writes: noted, then acted on at the next safe point (never mid-swap). */
const SIGNALS = ["SIGINT", "SIGTERM"] as const;
type Signal = (typeof SIGNALS)[number];

/** The conventional exit code of a process stopped by a signal: 128 + its number. */
export const SIGNAL_EXIT: Record<Signal, number> = { SIGINT: 130, SIGTERM: 143 };

/** A signal arrived; synth stopped at a safe point. */
export class InterruptedError extends Error {
  constructor(
    readonly signal: Signal,
    /** True when the signal arrived during the swap, which completed: the output is whole and new. */
    readonly written = false,
  ) {
    super(`interrupted by ${signal}`);
    this.name = "InterruptedError";
  }
}

export class Interrupts {
  private received?: Signal;
  private readonly handlers = SIGNALS.map((signal) => [signal, () => this.note(signal)] as const);

  install(): this {
    for (const [signal, handler] of this.handlers) process.on(signal, handler);
    return this;
  }

  uninstall(): void {
    for (const [signal, handler] of this.handlers) process.off(signal, handler);
  }

  get signal(): Signal | undefined {
    return this.received;
  }

  /** Throws `InterruptedError` if a signal arrived. */
  check(): void {
    if (this.received) throw new InterruptedError(this.received);
  }

  /** Lets pending signal handlers run (they run only between synchronous steps), then checks. */
  async checkpoint(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.check();
  }

  private note(signal: Signal): void {
    this.received ??= signal;
  }
}
