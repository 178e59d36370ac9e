import { describe, expect, it } from 'vitest';
import { KAFKA_DEFAULTS, resolveKafkaOptions } from './kafka-options.js';

describe('resolveKafkaOptions', () => {
  it('applies the defaults', () => {
    const resolved = resolveKafkaOptions({ brokers: ['k:9092'] });
    expect(resolved).toMatchObject({
      clientId: KAFKA_DEFAULTS.clientId,
      sessionTimeoutMs: KAFKA_DEFAULTS.sessionTimeoutMs,
      idempotent: true,
      allowAutoTopicCreation: false,
      ssl: false,
      provisioning: { topics: undefined, ...KAFKA_DEFAULTS.provisioning },
    });
  });

  it('refuses what cannot work', () => {
    expect(() => resolveKafkaOptions({ brokers: [] })).toThrow('at least one broker');
    expect(() => resolveKafkaOptions({ brokers: ['k:1'], sessionTimeoutMs: 0 })).toThrow(
      'sessionTimeoutMs must be a positive integer, got 0',
    );
    expect(() =>
      resolveKafkaOptions({
        brokers: ['k:1'],
        sessionTimeoutMs: 1_000,
        heartbeatIntervalMs: 1_000,
      }),
    ).toThrow('heartbeatIntervalMs must be shorter than sessionTimeoutMs');
    expect(() =>
      resolveKafkaOptions({ brokers: ['k:1'], provisioning: { retentionMs: 0 } }),
    ).toThrow('provisioning.retentionMs (or -1) must be a positive integer, got 0');
    expect(() => resolveKafkaOptions({ brokers: ['k:1'], retry: { retries: -1 } })).toThrow(
      'retry.retries must be a non-negative integer',
    );
  });

  it('keeps provisioning off when told', () => {
    expect(resolveKafkaOptions({ brokers: ['k:1'], provisioning: false }).provisioning).toBe(false);
  });
});
