import { logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import type { Logger } from '@eventmart/eventing';
import { kafkaClientConfig } from './kafka-client.js';
import { resolveKafkaOptions, type KafkaTransportOptions } from './kafka-options.js';

const files: Record<string, string> = {
  '/ca.pem': 'CA PEM',
  '/client.pem': 'CERT PEM',
  '/client.key': 'KEY PEM',
};
const readFile = (path: string): string => {
  const content = files[path];
  if (content === undefined) throw new Error(`ENOENT: ${path}`);
  return content;
};
const config = (options: Partial<KafkaTransportOptions>) =>
  kafkaClientConfig(resolveKafkaOptions({ brokers: ['k:9092'], ...options }), readFile);

describe('kafkaClientConfig', () => {
  it('passes brokers, client id, timeouts and retries to kafkajs', () => {
    expect(
      config({
        clientId: 'billing',
        connectionTimeoutMs: 2_000,
        requestTimeoutMs: 10_000,
        retry: { initialMs: 50, maxMs: 500, retries: 3 },
      }),
    ).toMatchObject({
      clientId: 'billing',
      brokers: ['k:9092'],
      connectionTimeout: 2_000,
      requestTimeout: 10_000,
      retry: { initialRetryTime: 50, maxRetryTime: 500, retries: 3 },
    });
  });

  it('uses no TLS and no SASL unless asked', () => {
    const plain = config({});
    expect(plain.ssl).toBeUndefined();
    expect(plain.sasl).toBeUndefined();
  });

  it('turns TLS on with the system CAs, or with the PEM files given', () => {
    expect(config({ ssl: true }).ssl).toBe(true);
    expect(
      config({
        ssl: { caPath: '/ca.pem', certPath: '/client.pem', keyPath: '/client.key' },
      }).ssl,
    ).toEqual({ ca: ['CA PEM'], cert: 'CERT PEM', key: 'KEY PEM' });
    expect(config({ ssl: { rejectUnauthorized: false } }).ssl).toEqual({
      rejectUnauthorized: false,
    });
  });

  it('fails at once, naming the file, when a PEM file cannot be read', () => {
    expect(() => config({ ssl: { caPath: '/missing.pem' } })).toThrow(
      'Kafka: cannot read the SSL CA at /missing.pem',
    );
  });

  it('passes SASL credentials for each mechanism', () => {
    for (const mechanism of ['plain', 'scram-sha-256', 'scram-sha-512'] as const) {
      expect(config({ sasl: { mechanism, username: 'u', password: 'p' } }).sasl).toEqual({
        mechanism,
        username: 'u',
        password: 'p',
      });
    }
  });

  it("sends kafkajs's logs to the logger: info as debug, warnings and errors as they are", () => {
    const lines: string[] = [];
    const record =
      (level: string) =>
      (message: string, fields?: Record<string, unknown>): void => {
        lines.push(`${level} ${message} ${JSON.stringify(fields)}`);
      };
    const logger: Logger = {
      debug: record('debug'),
      info: record('info'),
      warn: record('warn'),
      error: record('error'),
    };
    const create = config({ logger }).logCreator;
    const log = create?.(logLevel.INFO);
    const entry = (message: string) => ({
      message,
      timestamp: 't',
      logger: 'kafkajs',
      groupId: 'g',
    });
    log?.({ namespace: 'Consumer', level: logLevel.INFO, label: 'INFO', log: entry('joined') });
    log?.({ namespace: 'Runner', level: logLevel.WARN, label: 'WARN', log: entry('rebalancing') });
    log?.({ namespace: 'Consumer', level: logLevel.ERROR, label: 'ERROR', log: entry('crash') });
    expect(lines).toEqual([
      'debug joined {"kafkajs":"Consumer","timestamp":"t","logger":"kafkajs","groupId":"g"}',
      'warn rebalancing {"kafkajs":"Runner","timestamp":"t","logger":"kafkajs","groupId":"g"}',
      'error crash {"kafkajs":"Consumer","timestamp":"t","logger":"kafkajs","groupId":"g"}',
    ]);
  });
});
