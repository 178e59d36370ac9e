import { toFailedMessage, type ParkedEventPatterns, type RpcResponse } from '@eventmart/contracts';
import { storedRecord, type ParkedEventInLine, type RetryNowResult } from '@eventmart/eventing';

type View = RpcResponse<ParkedEventPatterns['list']>['items'][number];
type Details = RpcResponse<ParkedEventPatterns['get']>;
type Report = RpcResponse<ParkedEventPatterns['retryNow']>;

const iso = (date: Date): string => date.toISOString();

/** A parked event as the contract carries it: times as ISO strings, the key as its subject. */
export function toParkedEventView(row: ParkedEventInLine, service: string): View {
  return {
    seq: row.seq,
    service,
    consumer: row.consumer,
    handler: row.handler,
    eventId: row.event_id,
    eventType: row.event_type,
    subject: row.ordering_key,
    topic: row.topic,
    partition: row.partition,
    offset: row.message_offset,
    attempts: row.attempts,
    delayedAttempts: row.delayed_attempts,
    retryAt: iso(row.retry_at),
    firstFailedAt: row.first_failed_at === null ? null : iso(row.first_failed_at),
    parkedAt: iso(row.parked_at),
    error: row.last_error,
    blockedBy: row.key_head === row.seq ? null : row.key_head,
  };
}

export function toParkedEventDetails(row: ParkedEventInLine, service: string): Details {
  return {
    ...toParkedEventView(row, service),
    // From the stored bytes, not from text: what the view shows is what arrived.
    ...toFailedMessage(storedRecord(row), row.last_error_stack),
  };
}

export function toRetryNowReport(service: string, results: readonly RetryNowResult[]): Report {
  return {
    service,
    results: results.map(({ event, outcome, retryAt, blockedBy }) => ({
      seq: event.seq,
      consumer: event.consumer,
      handler: event.handler,
      eventType: event.event_type,
      subject: event.ordering_key,
      outcome,
      retryAt: iso(retryAt),
      blockedBy,
    })),
  };
}
