import { OrderPlaced } from '@eventmart/contracts';
import { decodeEnvelope } from '@eventmart/eventing';
import { describe, expect, it } from 'vitest';
import { POISON_KINDS, poisonMessage, UNKNOWN_TYPE, UNKNOWN_VERSION } from './poison-message.js';

describe('poison messages', () => {
  it('carry the CloudEvents headers of the topic, each broken its own way', () => {
    const poisons = Object.fromEntries(
      POISON_KINDS.map((kind) => [kind, poisonMessage(kind, OrderPlaced.topic, OrderPlaced.type)]),
    );
    for (const poison of Object.values(poisons)) {
      expect(poison?.message.topic).toBe('orders.new');
      expect(poison?.message.headers.ce_id).toBe(poison?.id);
      expect(poison?.message.key).toBe(poison?.message.headers.ce_subject);
    }
    const decode = (kind: string) =>
      decodeEnvelope(poisons[kind]?.message ?? { headers: {}, value: '' });
    expect(decode('malformed-json')).toMatchObject({ ok: false, reason: 'malformed-json' });
    const invalid = decode('invalid-data');
    expect(invalid.ok && invalid.envelope.type).toBe('order.placed');
    expect(invalid.ok && OrderPlaced.schema.safeParse(invalid.envelope.data).success).toBe(false);
    const unknownType = decode('unknown-type');
    expect(unknownType.ok && unknownType.envelope.type).toBe(UNKNOWN_TYPE);
    const unknownVersion = decode('unknown-version');
    expect(unknownVersion.ok && unknownVersion.envelope).toMatchObject({
      type: 'order.placed',
      version: UNKNOWN_VERSION,
    });
  });
});
