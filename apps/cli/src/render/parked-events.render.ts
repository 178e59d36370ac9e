import type {
  ParkedEvent,
  ParkedEventDetails,
  ParkedEventList,
  RetryNowReport,
} from '../answers.js';
import {
  failureColumns,
  failureRow,
  origin,
  renderFailureDetails,
} from './failure-record.render.js';
import { renderPage } from './page.js';
import { table, time } from './table.js';
import { tally, withFaults } from './text.js';

/** When it runs: its time, or after the event in front of it on its key. */
const nextRetry = (event: Pick<ParkedEvent, 'blockedBy' | 'retryAt'>): string =>
  event.blockedBy === null ? time(event.retryAt) : `after #${event.blockedBy}`;

export function renderParkedList(list: ParkedEventList, offset = 0): string {
  return renderPage(
    list,
    offset,
    'parked events',
    failureColumns('seq', [], [{ heading: 'parked' }, { heading: 'next retry' }]),
    (item) => failureRow(item, item.seq, [], [time(item.parkedAt), nextRetry(item)]),
  );
}

export function renderParkedDetails(details: ParkedEventDetails): string {
  const fields: [string, string][] = [
    ['seq', details.seq],
    ['service', details.service],
    ['consumer', details.consumer],
    ['event', `${details.eventType} (${details.eventId})`],
    ['subject', details.subject],
    ['topic', origin(details)],
    [
      'attempts',
      `${String(details.attempts)} (${String(details.delayedAttempts)} of them delayed)`,
    ],
    ['parked', time(details.parkedAt)],
    [
      'first failed',
      details.firstFailedAt === null
        ? 'not yet: it has not been tried, it waits behind its key'
        : time(details.firstFailedAt),
    ],
    [
      'next retry',
      details.blockedBy === null
        ? time(details.retryAt)
        : `after #${details.blockedBy}, the first parked event of its key, leaves the lot`,
    ],
    ['error', details.error?.replace(/\s+/g, ' ') ?? '-'],
  ];
  return renderFailureDetails(fields, details).join('\n\n');
}

export function renderRetryNow(report: RetryNowReport): string {
  const lines: string[] = [];
  if (report.results.length === 0) lines.push('Nothing parked for that subject.');
  else {
    lines.push(
      table(
        [
          { heading: 'service' },
          { heading: 'seq' },
          { heading: 'event', max: 32 },
          { heading: 'subject', max: 40 },
          { heading: 'consumer', max: 40 },
          { heading: 'outcome' },
          { heading: 'next retry' },
        ],
        report.results.map((result) => [
          result.service,
          result.seq,
          result.eventType,
          result.subject,
          result.consumer,
          result.outcome,
          result.blockedBy === null
            ? time(result.retryAt)
            : `after #${result.blockedBy}: retry that one, or the key with --subject`,
        ]),
      ),
    );
    lines.push(`${tally(report.results.map((result) => result.outcome))} (as ${report.actor}).`);
  }
  return withFaults(lines.join('\n'), report.unavailable);
}
