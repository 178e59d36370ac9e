import type { FailureDetails, FailureRecord } from '../answers.js';
import type { Cell, Column } from './table.js';
import { fieldLines, indent, pretty } from './text.js';

// What dead letters and parked events print alike: the failed message and where it came from.

/**
 * The columns of a list of failure records: the service and the record's own key, the
 * feature's `before` columns, the event, subject, consumer and attempts, `after`, the error.
 */
export function failureColumns(
  key: string,
  before: readonly Column[],
  after: readonly Column[],
): Column[] {
  return [
    { heading: 'service' },
    { heading: key },
    ...before,
    { heading: 'event', max: 32 },
    { heading: 'subject', max: 40 },
    { heading: 'consumer', max: 40 },
    { heading: 'attempts' },
    ...after,
    { heading: 'error', max: 60 },
  ];
}

/** A row for `failureColumns`, the feature's cells in the same places. */
export function failureRow(
  record: FailureRecord,
  key: string,
  before: readonly Cell[],
  after: readonly Cell[],
): Cell[] {
  return [
    record.service,
    key,
    ...before,
    record.eventType,
    record.subject,
    record.consumer,
    record.attempts,
    ...after,
    record.error,
  ];
}

/** `orders.new partition 3 offset 17`. */
export const origin = (record: FailureRecord): string =>
  `${record.topic} partition ${String(record.partition)} offset ${String(record.offset)}`;

/** The feature's fields, then the message as received (headers, payload) and the stack. */
export function renderFailureDetails(
  fields: readonly (readonly [string, string])[],
  details: FailureDetails,
): string[] {
  const sections = [
    fieldLines(fields),
    `Headers:\n${indent(JSON.stringify(details.headers, null, 2))}`,
    `Payload:\n${indent(pretty(details.payload))}`,
  ];
  if (details.errorStack !== null) sections.push(`Stack:\n${indent(details.errorStack)}`);
  return sections;
}
