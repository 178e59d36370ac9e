import { OrderPlaced } from '@eventmart/contracts';
import { describe, expect, it } from 'vitest';
import { decodeEnvelope, encodeEnvelope } from './cloudevents-codec.js';
import { newEnvelope } from './new-envelope.js';

const data = {
  orderId: 'o-1',
  customerId: 'c-1',
  lines: [{ sku: 'SKU-1', quantity: 2, unitPrice: 1250 }],
  total: 2500,
  currency: 'EUR',
  paymentToken: 'tok_visa',
};

describe('CloudEvents binary codec', () => {
  it('round-trips an envelope through ce_ headers, key and JSON body', () => {
    const envelope = newEnvelope(OrderPlaced, data, {
      subject: 'o-1',
      source: 'order',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    });
    const message = encodeEnvelope(envelope, OrderPlaced.topic);
    expect(message.key).toBe('o-1');
    expect(message.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_type: 'order.placed',
      ce_eventversion: '1',
      ce_source: 'order',
      ce_subject: 'o-1',
      'content-type': 'application/json',
    });
    expect(JSON.parse(message.value)).toEqual(data);
    const decoded = decodeEnvelope(message);
    expect(decoded).toEqual({ ok: true, envelope });
  });

  it('names malformed JSON as such', () => {
    const message = encodeEnvelope(
      newEnvelope(OrderPlaced, data, { subject: 'o-1', source: 'order' }),
      'orders.new',
    );
    const decoded = decodeEnvelope({ ...message, value: '{"orderId": ' });
    expect(decoded).toMatchObject({ ok: false, reason: 'malformed-json' });
  });

  it('lists every missing or bad attribute of an invalid envelope', () => {
    const decoded = decodeEnvelope({ headers: { ce_type: 'Bad Type', ce_id: 'x' }, value: '{}' });
    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    expect(decoded.reason).toBe('invalid-envelope');
    for (const field of ['id', 'type', 'version', 'time', 'source', 'subject', 'correlationId']) {
      expect(decoded.error).toContain(`${field}:`);
    }
  });
});

describe('newEnvelope', () => {
  it('starts a correlation at a root event and carries it through a caused one', () => {
    const root = newEnvelope(OrderPlaced, data, { subject: 'o-1', source: 'order' });
    expect(root.correlationId).toBe(root.id);
    expect(root.causationId).toBeNull();
    const caused = newEnvelope(OrderPlaced, data, {
      subject: 'o-1',
      source: 'inventory',
      cause: root,
    });
    expect(caused.correlationId).toBe(root.id);
    expect(caused.causationId).toBe(root.id);
  });

  it('continues the trace of its cause in a new span', () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const root = newEnvelope(OrderPlaced, data, { subject: 'o-1', source: 'order', traceparent });
    const caused = newEnvelope(OrderPlaced, data, { subject: 'o-1', source: 'x', cause: root });
    expect(caused.traceparent?.split('-')[1]).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(caused.traceparent).not.toBe(root.traceparent);
  });

  it('uses time-ordered v7 ids', () => {
    const ids = Array.from(
      { length: 50 },
      () => newEnvelope(OrderPlaced, data, { subject: 's', source: 'o' }).id,
    );
    expect(ids.every((id) => id[14] === '7')).toBe(true);
    expect([...ids].sort()).toEqual(ids);
  });

  it('refuses data that does not match the schema, at the producer', () => {
    expect(() =>
      newEnvelope(OrderPlaced, { ...data, total: -1 }, { subject: 'o-1', source: 'order' }),
    ).toThrow(/invalid order.placed@1 data/);
  });
});
