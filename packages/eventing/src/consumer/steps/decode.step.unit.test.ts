import { describe, expect, it, vi } from 'vitest';
import { decodeStep } from './decode.step.js';
import { placedEnvelope, received, receivedEnvelope, recordingSink } from './steps.fixture.js';

describe('the decode step', () => {
  it('hands a message with a valid envelope on, decoded', async () => {
    const { records, sink } = recordingSink();
    const next = vi.fn(() => Promise.resolve());
    const envelope = placedEnvelope();
    const message = receivedEnvelope(envelope);
    await decodeStep('inventory', sink, next)(message);
    expect(next).toHaveBeenCalledWith(expect.objectContaining({ id: envelope.id }), message);
    expect(records).toEqual([]);
  });

  it('dead-letters a body that is not JSON under the service, with no handler', async () => {
    const { records, sink } = recordingSink();
    const next = vi.fn(() => Promise.resolve());
    const message = received({ ...receivedEnvelope(), value: 'not json' });
    await decodeStep('inventory', sink, next)(message);
    expect(next).not.toHaveBeenCalled();
    expect(records).toEqual([
      expect.objectContaining({
        consumer: 'inventory',
        handler: null,
        reason: 'malformed-json',
        message,
        attempts: 1,
      }),
    ]);
    expect(records[0]?.envelope).toBeUndefined();
  });

  it('dead-letters a message without its ce_* headers as an invalid envelope', async () => {
    const { records, sink } = recordingSink();
    await decodeStep('inventory', sink, () => Promise.resolve())(
      received({ headers: {}, value: '{}' }),
    );
    expect(records.map((record) => record.reason)).toEqual(['invalid-envelope']);
  });
});
