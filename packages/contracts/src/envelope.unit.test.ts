import { describe, expect, it } from 'vitest';
import { EnvelopeSchema } from './envelope.js';
import { EVENT_CATALOG, EventCatalog } from './catalog.js';
import { OrderPlaced } from './events/order.events.js';
import { ALL_TOPICS } from './topics.js';

const valid = {
  id: '01936f3e-7a9b-7c3d-8e4f-123456789abc',
  type: 'order.placed',
  version: 1,
  time: '2026-11-22T10:00:00.000Z',
  source: 'order',
  subject: 'order-1',
  correlationId: 'corr-1',
  causationId: null,
  data: {},
};

describe('envelope', () => {
  it('accepts a complete envelope', () => {
    expect(EnvelopeSchema.safeParse(valid).success).toBe(true);
  });

  it.each([
    ['id', { id: 'not-a-uuid' }],
    ['type', { type: 'OrderPlaced' }],
    ['version', { version: 0 }],
    ['time', { time: 'yesterday' }],
    ['subject', { subject: '' }],
    ['traceparent', { traceparent: '00-xyz' }],
  ])('rejects a bad %s and names it', (field, patch) => {
    const result = EnvelopeSchema.safeParse({ ...valid, ...patch });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
  });
});

describe('event catalog', () => {
  it('has one definition per type and version, each on a catalogued topic', () => {
    const catalog = new EventCatalog();
    expect(catalog.all()).toHaveLength(EVENT_CATALOG.length);
    for (const definition of EVENT_CATALOG) {
      expect(ALL_TOPICS).toContain(definition.topic);
      expect(catalog.find(definition.type, definition.version)).toBe(definition);
    }
  });

  it('refuses two different definitions under one type and version', () => {
    const catalog = new EventCatalog();
    expect(() => catalog.add({ ...OrderPlaced })).toThrow(/defined twice/);
  });

  it('validates order.placed data and reports the failing field', () => {
    const result = OrderPlaced.schema.safeParse({
      orderId: 'o1',
      customerId: 'c1',
      lines: [{ sku: 'SKU-1', quantity: 0, unitPrice: 100 }],
      total: 100,
      currency: 'EUR',
      paymentToken: 'tok_visa',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['lines', 0, 'quantity']);
  });
});
