import { describe, expect, it } from 'vitest';
import type { ValidDelivery } from './pipeline.js';
import { handlerOf, placedEnvelope, receivedEnvelope, recordingSink } from './steps.fixture.js';
import { validateStep } from './validate.step.js';

function delivery(data: unknown) {
  const envelope = { ...placedEnvelope(), data };
  const handler = handlerOf('reserve');
  return { handler, consumer: 'inventory.reserve', envelope, message: receivedEnvelope() };
}

describe('the validate step', () => {
  it('hands on the parsed data, without keys the schema does not know', async () => {
    const { records, sink } = recordingSink();
    const passed: ValidDelivery[] = [];
    const data = { ...placedEnvelope().data, smuggled: true };
    await validateStep(sink, (valid) => {
      passed.push(valid);
      return Promise.resolve();
    })(delivery(data));
    expect(records).toEqual([]);
    expect(passed[0]?.event.data).toEqual(placedEnvelope().data);
  });

  it('dead-letters data the handler schema refuses, at once and under the handler', async () => {
    const { records, sink } = recordingSink();
    let called = false;
    const refused = delivery({ orderId: 42 });
    await validateStep(sink, () => {
      called = true;
      return Promise.resolve();
    })(refused);
    expect(called).toBe(false);
    expect(records).toEqual([
      expect.objectContaining({
        consumer: 'inventory.reserve',
        handler: 'reserve',
        reason: 'invalid-data',
        attempts: 1,
        envelope: refused.envelope,
      }),
    ]);
  });
});
