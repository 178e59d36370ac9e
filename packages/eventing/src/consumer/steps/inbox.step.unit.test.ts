import { describe, expect, it } from 'vitest';
import type { recordInInbox } from '../../inbox/inbox.js';
import { inboxStep } from './inbox.step.js';
import { noTx, validDelivery } from './steps.fixture.js';

/** An inbox as a set of (consumer, event id): what the primary key of the table enforces. */
function memoryInbox() {
  const rows = new Map<string, string>();
  const record: typeof recordInInbox = (_tx, _schema, entry) => {
    const key = `${entry.consumer}/${entry.eventId}`;
    if (rows.has(key)) return Promise.resolve(false);
    rows.set(key, entry.status);
    return Promise.resolve(true);
  };
  return { rows, record };
}

describe('the inbox step', () => {
  it('runs the handler on first sight and marks the event processed for its consumer', async () => {
    const inbox = memoryInbox();
    let runs = 0;
    const tryHandler = inboxStep(
      'svc',
      inbox.record,
    )(() => {
      runs += 1;
      return Promise.resolve('processed');
    });
    const delivery = validDelivery();
    expect(await tryHandler({ ...delivery, tx: noTx, attempt: 1 })).toBe('processed');
    expect(runs).toBe(1);
    expect([...inbox.rows]).toEqual([[`inventory.reserve/${delivery.event.id}`, 'processed']]);
  });

  it('ends a redelivery as a duplicate without running the handler again', async () => {
    const inbox = memoryInbox();
    let runs = 0;
    const tryHandler = inboxStep(
      'svc',
      inbox.record,
    )(() => {
      runs += 1;
      return Promise.resolve('processed');
    });
    const delivery = validDelivery();
    await tryHandler({ ...delivery, tx: noTx, attempt: 1 });
    expect(await tryHandler({ ...delivery, tx: noTx, attempt: 1 })).toBe('duplicate');
    expect(runs).toBe(1);
  });
});
