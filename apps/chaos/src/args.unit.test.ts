import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVER_URL, parseChaosArgs, UsageError, type ChaosOptions } from './args.js';
import { FAULT_KINDS } from './faults/fault-log.js';

const options = (argv: string[], env: Record<string, string> = {}): ChaosOptions => {
  const command = parseChaosArgs(argv, env, () => 1_234_567);
  if (command.kind !== 'run') throw new Error('not a run');
  return command.options;
};

describe('chaos command line', () => {
  it('runs 500 orders on the Kafka mock with every fault by default', () => {
    expect(options([])).toEqual({
      orders: 500,
      transport: 'kafka',
      seed: 234_567,
      keep: false,
      concurrency: 8,
      faults: new Set(FAULT_KINDS),
      handlerErrorRate: 0.2,
      recoveryMs: 180_000,
      serverUrl: DEFAULT_SERVER_URL,
    });
  });

  it('takes the flags of the docs', () => {
    const given = options(
      [
        '--orders',
        '5000',
        '--seed',
        '7',
        '--report',
        'r.json',
        '--keep',
        '--concurrency',
        '4',
        '--recovery-seconds',
        '60',
        '--handler-error-rate',
        '0.05',
        '--log',
        'p.log',
        '--no-poison',
        '--no-kill',
      ],
      { DATABASE_URL: 'postgres://db.example/postgres' },
    );
    expect(given).toMatchObject({
      orders: 5000,
      seed: 7,
      reportFile: 'r.json',
      keep: true,
      concurrency: 4,
      recoveryMs: 60_000,
      handlerErrorRate: 0.05,
      logFile: 'p.log',
      serverUrl: 'postgres://db.example/postgres',
    });
    expect([...given.faults]).toEqual(['broker', 'pg-terminate', 'duplicates', 'handler-errors']);
  });

  it('has no broker fault on the event log or a real Kafka', () => {
    expect(options(['--transport', 'pg-log']).faults.has('broker')).toBe(false);
    const real = options(['--brokers', 'k1:9092, k2:9092']);
    expect(real.brokers).toEqual(['k1:9092', 'k2:9092']);
    expect(real.faults.has('broker')).toBe(false);
    expect(real.faults.has('kill')).toBe(true);
  });

  it('refuses what it cannot do, saying why', () => {
    const refused = (argv: string[]) => () => parseChaosArgs(argv, {});
    expect(refused(['--orders', '0'])).toThrow('--orders must be a whole number of at least 1');
    expect(refused(['--orders', 'many'])).toThrow(UsageError);
    expect(refused(['--transport', 'rabbit'])).toThrow('--transport must be kafka or pg-log');
    expect(refused(['--transport', 'pg-log', '--brokers', 'k:1'])).toThrow('--brokers');
    expect(refused(['--handler-error-rate', '1'])).toThrow('--handler-error-rate');
    expect(refused(['--no-such-flag'])).toThrow(UsageError);
    expect(parseChaosArgs(['--help'], {})).toEqual({ kind: 'help' });
  });
});
