import type { SqlDatabase } from '@eventmart/eventing';
import { SERVICES, type ProcessName, type ServiceName } from '@eventmart/distributed';
import { openDatabase } from '@eventmart/postgres';
import { kill, startSystemProcess, type SystemProcess } from '../../e2e/support/process.js';
import { eventsAbout } from '../../e2e/support/shop.js';
import type { ShopUnderTest } from '../../e2e/support/system.js';
import { freePort } from './free-port.js';
import { outboxHistory } from './outbox-history.js';
import { settledOnEventLog, settledOnKafka } from './settled.js';

/** Every process's settings in the tests (see docs/configuration.md). */
const TEST_ENV = {
  ADMIN_EMAIL: 'admin@example.com',
  ADMIN_PASSWORD: 'admin-password-1',
  JWT_SECRET: 'e2e-secret-that-is-long-enough-for-hs256-0123456789',
  // Long enough for a charge on a busy machine running seven processes; tok_timeout waits it.
  PAYMENT_TIMEOUT_MS: '1500',
  // A killed process's partitions move after this: short, so a restart is quick.
  EVENTLOG_LEASE_MS: '3000',
} as const;

const BACKEND = SERVICES.filter((name): name is ServiceName => name !== 'gateway');

/** "ready: rpc tcp://127.0.0.1:4002" → the address (or "events" for payment). */
const READY = /ready: (?:http |rpc )?(\S+)/;

export interface DistributedShopOptions {
  /** The database every service and (without Kafka) the event log use; it must exist. */
  readonly databaseUrl: string;
  /** For every process: KAFKA_BROKERS and the like. */
  readonly env?: Readonly<Record<string, string>>;
  /** Kafka's brokers, when the events go there: read them from the services' outboxes. */
  readonly kafkaBrokers?: readonly string[];
}

export interface DistributedShop extends ShopUnderTest {
  /** The test's own pool on the shop's database, to look at what the services stored. */
  readonly database: SqlDatabase;
  process(name: ProcessName): SystemProcess;
  kill(name: ServiceName, signal: NodeJS.Signals): Promise<void>;
  /** Starts a service again as it was started, on the same RPC port. */
  restart(name: ServiceName): Promise<void>;
}

/**
 * The shop as distributed mode runs it: each service in its own OS process, started as
 * `npm run start:<service>` does, and the gateway in front of them over TCP, on free ports.
 */
export async function startDistributedShop(
  options: DistributedShopOptions,
): Promise<DistributedShop> {
  const kafka = options.kafkaBrokers === undefined ? undefined : [...options.kafkaBrokers];
  const env: Record<string, string> = {
    ...TEST_ENV,
    DATABASE_URL: options.databaseUrl,
    ...(kafka === undefined ? {} : { KAFKA_BROKERS: kafka.join(',') }),
    ...options.env,
  };
  for (const name of BACKEND) env[`${name.toUpperCase()}_RPC_PORT`] = String(await freePort());
  const processes = new Map<ProcessName, SystemProcess>();
  const start = async (name: ProcessName): Promise<void> => {
    const started = await startSystemProcess(env, {
      args: ['apps/distributed/src/main.ts', name],
      ready: READY,
      timeoutMs: 120_000,
    });
    processes.set(name, started);
  };
  const database = await openDatabase({ url: options.databaseUrl, poolSize: 4 });
  const stopAll = async (): Promise<void> => {
    await Promise.all([...processes.values()].map((running) => kill(running, 'SIGTERM')));
    await database.close();
  };
  // All settled before giving up on one: none is left running unseen.
  const started = await Promise.allSettled(SERVICES.map(start));
  const failed = started.find((result) => result.status === 'rejected');
  if (failed !== undefined) {
    await stopAll();
    throw failed.reason;
  }
  const get = (name: ProcessName): SystemProcess => {
    const running = processes.get(name);
    if (running === undefined) throw new Error(`${name} is not running`);
    return running;
  };
  return {
    url: get('gateway').url,
    database,
    process: get,
    eventsAbout: (subject) =>
      kafka === undefined ? eventsAbout({ database }, subject) : outboxHistory(database, subject),
    settled: () =>
      kafka === undefined ? settledOnEventLog(database) : settledOnKafka(database, kafka),
    kill: (name, signal) => kill(get(name), signal),
    restart: (name) => start(name),
    stop: stopAll,
  };
}
