import type { ActionReport, DeadLetterDetails, DeadLetterList } from '../answers.js';
import {
  failureColumns,
  failureRow,
  origin,
  renderFailureDetails,
} from './failure-record.render.js';
import { renderPage } from './page.js';
import { cell, table, time, type Cell } from './table.js';
import { tally, withFaults } from './text.js';

export function renderList(list: DeadLetterList, offset = 0): string {
  return renderPage(
    list,
    offset,
    'dead letters',
    failureColumns(
      'id',
      [{ heading: 'status' }, { heading: 'reason' }],
      [{ heading: 'last failed' }],
    ),
    (item) => failureRow(item, item.id, [item.status, item.reason], [time(item.lastFailedAt)]),
  );
}

export function renderDetails(details: DeadLetterDetails): string {
  const fields: [string, Cell][] = [
    ['id', details.id],
    ['service', details.service],
    [
      'status',
      details.resolvedBy === null
        ? details.status
        : `${details.status} by ${details.resolvedBy} at ${time(details.resolvedAt)}`,
    ],
    ['reason', details.reason],
    ['consumer', details.consumer],
    [
      'event',
      details.eventType === null
        ? null
        : `${details.eventType} v${String(details.eventVersion)} (${String(details.eventId)})`,
    ],
    ['subject', details.subject],
    ['topic', origin(details)],
    ['attempts', details.attempts],
    ['failed', `first ${time(details.firstFailedAt)}, last ${time(details.lastFailedAt)}`],
    ['replayable', details.replayable ? 'yes' : 'no: no valid envelope, it can only be discarded'],
    ['error', details.error],
  ];
  const sections = renderFailureDetails(
    fields.map(([name, value]) => [name, cell(value)]),
    details,
  );
  sections.push(
    details.audit.length === 0
      ? 'Audit: nothing done yet.'
      : `Audit:\n${table(
          [
            { heading: 'at' },
            { heading: 'actor' },
            { heading: 'action' },
            { heading: 'outcome' },
            { heading: 'selection', max: 50 },
            { heading: 'note / error', max: 60 },
          ],
          details.audit.map((entry) => [
            time(entry.at),
            entry.actor,
            entry.action,
            entry.outcome,
            JSON.stringify(entry.selection),
            entry.error ?? entry.note,
          ]),
        )}`,
  );
  return sections.join('\n\n');
}

export function renderReport(report: ActionReport): string {
  const lines: string[] = [];
  if (report.dryRun) lines.push('Dry run: nothing was changed.');
  if (report.results.length === 0) lines.push(`Nothing to ${report.action}.`);
  else {
    lines.push(
      table(
        [
          { heading: 'service' },
          { heading: 'id' },
          { heading: 'event', max: 32 },
          { heading: 'subject', max: 40 },
          { heading: 'outcome' },
          { heading: 'attempts' },
          { heading: 'detail', max: 80 },
        ],
        report.results.map((result) => [
          result.service,
          result.id,
          result.eventType,
          result.subject,
          result.outcome,
          result.attempts,
          result.error ??
            (result.handlers.length > 0 ? `handlers: ${result.handlers.join(', ')}` : null),
        ]),
      ),
    );
    lines.push(`${tally(report.results.map((result) => result.outcome))} (as ${report.actor}).`);
  }
  if (report.missing.length > 0) lines.push(`Not found: ${report.missing.join(', ')}.`);
  return withFaults(lines.join('\n'), report.unavailable);
}
