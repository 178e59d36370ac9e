import type { SqlDatabase } from '@eventmart/eventing';
import { sql } from 'kysely';
import { FINAL_STATUSES } from './books/orders.js';
import { stamp, type FaultLog } from './faults/fault-log.js';
import type { OrderRunner } from './load/order-runner.js';
import { parkedEvents } from './settle/settled.js';

/**
 * A line every few seconds while the run goes on: orders placed and final, faults so far,
 * events parked for a delayed retry. Also keeps the most events parked at once, for the report.
 */
export class Progress {
  mostParked = 0;
  parkedTable = false;
  private timer: NodeJS.Timeout | undefined;
  private busy = false;

  constructor(
    private readonly database: SqlDatabase,
    private readonly runner: OrderRunner,
    private readonly total: number,
    private readonly log: FaultLog,
    private readonly say: (line: string) => void,
  ) {}

  start(everyMs = 5_000): void {
    this.timer = setInterval(() => {
      if (this.busy) return;
      this.busy = true;
      void this.tick()
        .catch((error: unknown) => this.say(`progress: ${String(error)}`))
        .finally(() => (this.busy = false));
    }, everyMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async tick(): Promise<void> {
    const final = await sql<{ n: number }>`
      SELECT count(*)::integer AS n FROM "order".orders
      WHERE status IN (${sql.join([...FINAL_STATUSES])})`.execute(this.database.db);
    const parked = await parkedEvents(this.database);
    const parkedNow = [...(parked ?? new Map<string, number>()).values()].reduce(
      (a, b) => a + b,
      0,
    );
    this.parkedTable ||= parked !== undefined;
    this.mostParked = Math.max(this.mostParked, parkedNow);
    const faults = Object.entries(this.log.totals())
      .filter(([, totals]) => totals.injections > 0)
      .map(
        ([kind, totals]) =>
          `${kind} ${String(kind === 'duplicates' ? totals.count : totals.injections)}`,
      )
      .join(', ');
    this.say(
      `${stamp(this.log.elapsedMs)} orders placed ${String(this.runner.outcomes.length)}/${String(this.total)} ` +
        `(accepted ${String(this.runner.accepted)}), final ${String(final.rows[0]?.n ?? 0)}; ` +
        `faults: ${faults || 'none yet'}${parked === undefined ? '' : `; parked ${String(parkedNow)}`}`,
    );
  }
}
