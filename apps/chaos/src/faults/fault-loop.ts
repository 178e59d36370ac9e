import type { Random } from '../random.js';
import type { FaultKind, FaultLog } from './fault-log.js';

export interface FaultTiming {
  /** The first injection, after the loop starts. */
  readonly firstAfterMs: number;
  /** Then one every so often, a quarter more or less at random. */
  readonly everyMs: number;
}

/**
 * Injects one fault again and again while orders flow. An injection that fails is a problem
 * of the run (logged, and the run fails), not a reason to stop. `stop` lets the injection in
 * flight finish, so a killed service is serving again and a broker is back when it resolves.
 */
export class FaultLoop {
  private readonly stopping = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(
    readonly kind: FaultKind,
    private readonly inject: () => Promise<void>,
    private readonly timing: FaultTiming,
    private readonly random: Random,
    private readonly log: FaultLog,
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    let wait = this.timing.firstAfterMs;
    while (await this.sleep(wait)) {
      try {
        await this.inject();
      } catch (error) {
        this.log.problem(this.kind, error);
      }
      wait = this.timing.everyMs * (0.75 + this.random.next() / 2);
    }
  }

  /** Answers false if stopped meanwhile. */
  private sleep(ms: number): Promise<boolean> {
    const signal = this.stopping.signal;
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      }, ms);
      const onAbort = (): void => {
        clearTimeout(timer);
        resolve(false);
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
