import { describe, expect, it } from 'vitest';
import type { ParkedEvent } from '../../parking/parking-lot.js';
import type { Db } from '../../sql/database.port.js';
import { silentLogger } from '../../support/logger.js';
import { ConsumerStats } from '../consumer-stats.js';
import { DEFAULT_RETRY } from '../event-handler.js';
import { callHandler } from './pipeline.js';
import { retryParkedStep } from './retry-parked.step.js';
import { handlerOf, placedEnvelope, receivedEnvelope, recordingSink } from './steps.fixture.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** A parked event as the lot holds it, after three failed tries. */
function parkedRow(change: Partial<ParkedEvent> = {}): ParkedEvent {
  const envelope = placedEnvelope();
  const message = receivedEnvelope(envelope);
  return {
    seq: '12',
    consumer: 'inventory.reserve',
    handler: 'reserve',
    ordering_key: message.key,
    event_id: envelope.id,
    event_type: envelope.type,
    topic: message.topic,
    partition: message.partition,
    message_offset: message.offset,
    message_key: message.key,
    record_key: message.raw.key,
    record_value: message.raw.value ?? new Uint8Array(),
    record_headers: message.raw.headers.map(({ name, value }) => [
      name,
      value === null ? null : Buffer.from(value).toString('base64'),
    ]),
    attempts: 3,
    delayed_attempts: 0,
    retry_at: new Date(),
    first_failed_at: new Date('2026-01-01T00:00:00Z'),
    last_error: 'down',
    last_error_stack: null,
    parked_at: new Date(),
    ...change,
  };
}

// These cases are decided before any transaction opens: the database is never reached.
function step(handlers = [handlerOf('reserve')]) {
  const { records, sink } = recordingSink();
  const run = retryParkedStep({
    service: 'inventory',
    db: {} as Db,
    schema: 'inventory',
    handlerNamed: (name) => handlers.find((handler) => handler.name === name),
    policyOf: () => DEFAULT_RETRY,
    tryHandler: callHandler,
    deadLetter: sink,
    stats: new ConsumerStats(),
    logger: silentLogger,
  });
  return { run, records };
}

describe('a delayed try of a parked event that can no longer be tried', () => {
  it('dead-letters it when the service has no handler of that name any more', async () => {
    const { run, records } = step([]);
    expect(await run(parkedRow())).toBe(true);
    expect(records).toEqual([
      expect.objectContaining({
        consumer: 'inventory.reserve',
        handler: 'reserve',
        reason: 'permanent-error',
        error: 'inventory has no handler named reserve any more',
        attempts: 3,
        firstFailedAt: new Date('2026-01-01T00:00:00Z'),
      }),
    ]);
  });

  it('dead-letters a parked body that no longer decodes', async () => {
    const { run, records } = step();
    expect(
      await run(parkedRow({ record_value: utf8('{'), attempts: 0, first_failed_at: null })),
    ).toBe(true);
    expect(records.map((r) => [r.reason, r.attempts])).toEqual([['permanent-error', 1]]);
    expect(String(records[0]?.error)).toMatch(/^malformed-json: /);
  });

  it('dead-letters data the handler schema now refuses, with its envelope', async () => {
    const { run, records } = step();
    const row = parkedRow({ record_value: utf8(JSON.stringify({ orderId: 42 })) });
    expect(await run(row)).toBe(true);
    expect(records.map((r) => [r.reason, r.envelope?.id])).toEqual([
      ['invalid-data', row.event_id],
    ]);
  });
});
