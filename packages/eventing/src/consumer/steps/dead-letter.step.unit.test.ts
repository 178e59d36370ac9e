import { describe, expect, it } from 'vitest';
import { deadLetterStep } from './dead-letter.step.js';
import { HandlerGaveUp } from './pipeline.js';
import { recordingSink, validDelivery } from './steps.fixture.js';

describe('the dead letter step', () => {
  const firstFailedAt = new Date('2026-01-01T00:00:00Z');

  it('dead-letters exhausted tries with the last error, the tries and the first failure', async () => {
    const { records, sink } = recordingSink();
    const delivery = validDelivery();
    const error = new Error('still down');
    await deadLetterStep(sink, () =>
      Promise.reject(new HandlerGaveUp(error, 3, firstFailedAt, false)),
    )(delivery);
    expect(records).toEqual([
      {
        consumer: 'inventory.reserve',
        handler: 'reserve',
        reason: 'retries-exhausted',
        message: delivery.message,
        error,
        attempts: 3,
        envelope: delivery.envelope,
        firstFailedAt,
      },
    ]);
  });

  it('names a permanent error as such', async () => {
    const { records, sink } = recordingSink();
    await deadLetterStep(sink, () =>
      Promise.reject(new HandlerGaveUp(new Error('refused'), 1, firstFailedAt, true)),
    )(validDelivery());
    expect(records.map((record) => record.reason)).toEqual(['permanent-error']);
  });

  it('lets any other error through, so the message stays unacknowledged', async () => {
    const { records, sink } = recordingSink();
    const stopped = new Error('stopping');
    await expect(deadLetterStep(sink, () => Promise.reject(stopped))(validDelivery())).rejects.toBe(
      stopped,
    );
    expect(records).toEqual([]);
  });

  it('does nothing once the steps after it dealt with the delivery', async () => {
    const { records, sink } = recordingSink();
    await deadLetterStep(sink, () => Promise.resolve())(validDelivery());
    expect(records).toEqual([]);
  });
});
