import { table } from '@eventmart/cli';
import { FAULT_KINDS } from '../faults/fault-log.js';
import type { ChaosReport } from './chaos-report.js';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** `a 1, b 2`: counts in one cell. */
export const listCounts = (counts: Readonly<Record<string, number>>): string =>
  Object.entries(counts)
    .map(([name, n]) => `${name} ${String(n)}`)
    .join(', ') || '-';

/** The report as the terminal shows it: the invariants' table first, then what lies behind. */
export function renderReport(report: ChaosReport): string {
  const { settings, orders, deliveries, elapsedMs } = report;
  const verdict = report.ok ? 'PASS' : 'FAIL';
  const lines = [
    `eventmart chaos run: ${String(settings.orders)} orders on ${settings.transport}, seed ${String(settings.seed)}, ${seconds(elapsedMs.total)}: ${verdict}`,
    '',
    table(
      [{ heading: 'invariant' }, { heading: 'result' }, { heading: 'counts' }],
      report.invariants.map((inv) => [inv.name, inv.ok ? 'PASS' : 'FAIL', listCounts(inv.counts)]),
    ),
  ];
  for (const invariant of report.invariants.filter((inv) => !inv.ok)) {
    lines.push('', `FAIL ${invariant.name}:`, ...invariant.failures.map((f) => `  - ${f}`));
  }
  if (report.faults.problems.length > 0) {
    lines.push('', 'PROBLEMS of the run:', ...report.faults.problems.map((p) => `  - ${p}`));
  }
  lines.push(
    '',
    table(
      [{ heading: 'order kind' }, { heading: 'orders' }, { heading: 'ended as' }],
      Object.entries(orders.byKind).map(([kind, ends]) => [
        kind,
        Object.values(ends).reduce((sum, n) => sum + n, 0),
        listCounts(ends),
      ]),
    ),
    '',
    table(
      [
        { heading: 'fault' },
        { heading: 'enabled' },
        { heading: 'injections' },
        { heading: 'total' },
      ],
      FAULT_KINDS.map((kind) => [
        kind,
        settings.faults.includes(kind) ? 'yes' : 'no',
        report.faults.totals[kind].injections,
        report.faults.totals[kind].count,
      ]),
    ),
    '',
    `orders: ${String(orders.total)} in the books, ${String(orders.accepted)} accepted (202)` +
      `, not accepted: ${listCounts(orders.notAccepted)}, answer lost: ${String(orders.answerLost)}`,
    `orders by status: ${listCounts(orders.byStatus)}; cancelled after confirmation: ${String(orders.cancelledAfterConfirmation)}`,
    `customer and admin actions: ${listCounts(orders.actions)}; API requests retried: ${String(orders.apiRetries)}`,
    `duplicates: ${String(deliveries.duplicatesPublished)} events published again, ` +
      `${String(deliveries.duplicateDeliveriesSkipped)} handler deliveries skipped by the inbox`,
    `poison per topic: ${listCounts(deliveries.poisonPerTopic)}`,
    `dead letters by reason: ${listCounts(deliveries.deadLettersByReason)}`,
    deliveries.parked.tableExists
      ? `parked for delayed retries: at most ${String(deliveries.parked.mostAtOnce)} at once, ${String(deliveries.parked.atEnd)} at the end`
      : 'parked for delayed retries: no parked_events table in this build',
    `restarted processes that failed to start and were started again: ${String(report.faults.failedStarts)}`,
    `handler error rate: ${String(settings.handlerErrorRate)}; database: ${report.database}`,
    `elapsed: ${seconds(elapsedMs.total)} (start-up ${seconds(elapsedMs.startup)}, orders and faults ${seconds(elapsedMs.load)} of which placing ${seconds(elapsedMs.placing)}, recovery ${seconds(elapsedMs.recovery)}, checks ${seconds(elapsedMs.check)})`,
  );
  return lines.join('\n');
}
