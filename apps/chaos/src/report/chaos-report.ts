import type { Books } from '../books/books.js';
import type { FaultEntry, FaultKind } from '../faults/fault-log.js';
import type { InvariantResult } from '../invariants/invariant.js';
import type { OrderOutcome } from '../load/order-runner.js';
import { tally } from '../invariants/invariant.js';

/** Everything a run found, as printed and as written by --report. */
export interface ChaosReport {
  /** Every invariant held and every fault was injected and undone. */
  readonly ok: boolean;
  readonly settings: {
    readonly orders: number;
    readonly transport: string;
    readonly seed: number;
    readonly concurrency: number;
    readonly faults: readonly FaultKind[];
    readonly handlerErrorRate: number;
  };
  readonly database: string;
  /** Milliseconds: in all, and per phase. */
  readonly elapsedMs: {
    readonly total: number;
    readonly startup: number;
    /** From the first order to the last one placed (the faults strike meanwhile). */
    readonly placing: number;
    /** From the first order until every kind's action was done and the faults stopped. */
    readonly load: number;
    readonly recovery: number;
    readonly check: number;
  };
  readonly invariants: readonly InvariantResult[];
  readonly orders: OrdersSummary;
  readonly faults: {
    readonly totals: Readonly<Record<FaultKind, { injections: number; count: number }>>;
    readonly log: readonly FaultEntry[];
    /** A fault that could not be injected or undone, a process that died, a step that failed. */
    readonly problems: readonly string[];
    /** Restarted processes that exited before they served, and were started again. */
    readonly failedStarts: number;
  };
  readonly deliveries: DeliveriesSummary;
}

export interface OrdersSummary {
  /** Orders the order service holds (accepted by the gateway, or placed with the answer lost). */
  readonly total: number;
  readonly accepted: number;
  /** Orders whose placing was answered with something else than 202, by status (0: none). */
  readonly notAccepted: Readonly<Record<string, number>>;
  /** Orders in the books the harness got no answer for (a 504 or a retried 503 that had gone through). */
  readonly answerLost: number;
  /** Per kind: how its orders ended (status, and the reason of a cancellation). */
  readonly byKind: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly byStatus: Readonly<Record<string, number>>;
  /** Cancelled orders that had been confirmed first (so paid, then refunded). */
  readonly cancelledAfterConfirmation: number;
  /** The answers to the kinds' actions (cancel, ship), and why some were not carried out. */
  readonly actions: Readonly<Record<string, number>>;
  /** Requests the harness had to try again (503 while a service was down, and the like). */
  readonly apiRetries: number;
}

export interface DeliveriesSummary {
  /** Sent outbox rows the harness published a second time. */
  readonly duplicatesPublished: number;
  /**
   * Deliveries of those duplicates to a handler, which its inbox skipped (derived: each
   * duplicate reaches every handler of its type, and the consumer invariant shows each event
   * was applied once).
   */
  readonly duplicateDeliveriesSkipped: number;
  readonly poisonPerTopic: Readonly<Record<string, number>>;
  readonly deadLettersByReason: Readonly<Record<string, number>>;
  /** Parked events (delayed retries), if the services have the table: most seen at once, and at the end. */
  readonly parked: {
    readonly tableExists: boolean;
    readonly mostAtOnce: number;
    readonly atEnd: number;
  };
}

const record = (counts: Map<string, number>): Record<string, number> =>
  Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b)));

/** How each order ended, by the kind the harness meant it to be. */
export function summarizeOrders(
  outcomes: readonly OrderOutcome[],
  books: Books,
  apiRetries: number,
): OrdersSummary {
  const byId = new Map(books.orders.map((order) => [order.id, order]));
  const ending = (id: string | undefined): string => {
    const order = id === undefined ? undefined : byId.get(id);
    if (order === undefined) return 'not in the books';
    return [order.status, order.cancellationReason].filter(Boolean).join(' ');
  };
  const byKind: Record<string, Record<string, number>> = {};
  for (const outcome of outcomes.filter((o) => o.id !== undefined)) {
    const kind = (byKind[outcome.kind] ??= {});
    const end = ending(outcome.id);
    kind[end] = (kind[end] ?? 0) + 1;
  }
  const known = new Set(outcomes.map((outcome) => outcome.id));
  const lost = books.orders.filter((order) => !known.has(order.id));
  if (lost.length > 0) byKind['answer lost'] = record(tally(lost, (order) => ending(order.id)));
  const actions = tally(
    outcomes.filter((o) => o.actionStatus !== undefined || o.note !== undefined),
    (o) =>
      o.actionStatus === undefined
        ? `${o.kind}: ${String(o.note).replace(/ after \d+ ms/, '')}`
        : `${o.kind}: ${String(o.actionStatus)}`,
  );
  return {
    total: books.orders.length,
    accepted: outcomes.filter((o) => o.id !== undefined).length,
    notAccepted: record(
      tally(
        outcomes.filter((o) => o.id === undefined),
        (o) => String(o.placeStatus),
      ),
    ),
    answerLost: lost.length,
    byKind,
    byStatus: record(tally(books.orders, (order) => order.status)),
    cancelledAfterConfirmation: books.orders.filter(
      (order) => order.status === 'CANCELLED' && order.wasConfirmed,
    ).length,
    actions: record(actions),
    apiRetries,
  };
}

/** Dead letters by reason, over every service. */
export function deadLettersByReason(books: Books): Record<string, number> {
  return record(tally(books.deadLetters, (letter) => letter.reason));
}
