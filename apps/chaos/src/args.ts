import { parseArgs } from 'node:util';
import { FAULT_KINDS, type FaultKind } from './faults/fault-log.js';
import { DEFAULT_HANDLER_ERROR_RATE } from './faults/handler-errors.js';

export type ChaosTransport = 'kafka' | 'pg-log';

/** A run, as the command line asks for it. */
export interface ChaosOptions {
  readonly orders: number;
  readonly transport: ChaosTransport;
  /** A real Kafka cluster instead of the mock (no broker fault then). */
  readonly brokers?: readonly string[];
  readonly seed: number;
  /** Where to write the report as JSON. */
  readonly reportFile?: string;
  /** Keep the run's database (and say where it is) instead of dropping it. */
  readonly keep: boolean;
  /** Orders placed at once. */
  readonly concurrency: number;
  readonly faults: ReadonlySet<FaultKind>;
  readonly handlerErrorRate: number;
  /** After the last order and fault: how long everything may take to settle. */
  readonly recoveryMs: number;
  /** The PostgreSQL server the run's database is created on. */
  readonly serverUrl: string;
  /** Where the processes' output goes. */
  readonly logFile?: string;
}

export type ChaosCommand =
  { readonly kind: 'help' } | { readonly kind: 'run'; readonly options: ChaosOptions };

/** The command line is wrong: say why, show the usage, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

const OPTIONS = {
  orders: { type: 'string' },
  transport: { type: 'string' },
  brokers: { type: 'string' },
  seed: { type: 'string' },
  report: { type: 'string' },
  keep: { type: 'boolean' },
  concurrency: { type: 'string' },
  'recovery-seconds': { type: 'string' },
  'handler-error-rate': { type: 'string' },
  log: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  ...(Object.fromEntries(FAULT_KINDS.map((kind) => [`no-${kind}`, { type: 'boolean' }])) as Record<
    `no-${FaultKind}`,
    { type: 'boolean' }
  >),
} as const;

export function parseChaosArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  now: () => number = Date.now,
): ChaosCommand {
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];
  try {
    ({ values } = parseArgs({ args: [...argv], options: OPTIONS, strict: true }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help === true) return { kind: 'help' };
  const brokers = values.brokers
    ?.split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  const transport = values.transport ?? 'kafka';
  if (transport !== 'kafka' && transport !== 'pg-log')
    throw new UsageError(`--transport must be kafka or pg-log, not "${transport}"`);
  if (brokers !== undefined && (transport !== 'kafka' || brokers.length === 0))
    throw new UsageError('--brokers needs a host:port list, and the kafka transport');
  const faults = new Set<FaultKind>(FAULT_KINDS.filter((kind) => values[`no-${kind}`] !== true));
  // Only the mock cluster can take a broker down; the event log has none.
  if (transport === 'pg-log' || brokers !== undefined) faults.delete('broker');
  const rate = values['handler-error-rate'];
  const handlerErrorRate = rate === undefined ? DEFAULT_HANDLER_ERROR_RATE : Number(rate);
  if (rate !== undefined && !(handlerErrorRate >= 0 && handlerErrorRate < 1))
    throw new UsageError(`--handler-error-rate must be a number from 0 to below 1, not "${rate}"`);
  const databaseUrl = env.DATABASE_URL;
  return {
    kind: 'run',
    options: {
      orders: whole('orders', values.orders, 500, 1),
      transport,
      ...(brokers !== undefined && { brokers }),
      seed: whole('seed', values.seed, now() % 1_000_000, 0),
      ...(values.report !== undefined && { reportFile: values.report }),
      keep: values.keep === true,
      concurrency: whole('concurrency', values.concurrency, 8, 1),
      faults,
      handlerErrorRate,
      recoveryMs: whole('recovery-seconds', values['recovery-seconds'], 180, 1) * 1000,
      serverUrl: databaseUrl === undefined || databaseUrl === '' ? DEFAULT_SERVER_URL : databaseUrl,
      ...(values.log !== undefined && { logFile: values.log }),
    },
  };
}

function whole(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min)
    throw new UsageError(
      `--${name} must be a whole number of at least ${String(min)}, not "${value}"`,
    );
  return n;
}

export const USAGE = `Usage: npm run chaos -- [options]

Starts the whole shop in distributed mode on a fresh database, places orders of mixed kinds
through the gateway while injecting faults, waits for the system to recover, checks the
invariants and prints a report. Exit status: 0 every invariant held, 1 one did not (or the
run could not be carried out), 2 the command line is wrong. See docs/chaos.md.

  --orders N                 orders to place (default 500)
  --transport kafka|pg-log   the bus: the librdkafka mock cluster (default) or the Postgres event log
  --brokers h:p,...          a real Kafka instead of the mock (its topics must exist and be empty)
  --seed N                   plans the same orders and fault targets again (default: from the clock)
  --concurrency N            orders placed at once (default 8)
  --recovery-seconds N       how long the system may take to settle after the load (default 180)
  --handler-error-rate R     chance that a handler try fails (default ${String(DEFAULT_HANDLER_ERROR_RATE)})
  --no-kill --no-broker --no-pg-terminate --no-duplicates --no-poison --no-handler-errors
                             leave a fault out
  --report file.json         also write the report as JSON
  --log file                 the processes' output (default: a file in the system's temp folder)
  --keep                     keep the run's database instead of dropping it

Environment: DATABASE_URL, the PostgreSQL server to create the run's database on
(default ${DEFAULT_SERVER_URL}); KAFKA_MOCK_BIN, the mock cluster's helper.
`;
