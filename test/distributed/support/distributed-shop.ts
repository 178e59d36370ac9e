import type { SqlDatabase } from '@eventmart/eventing';
import {
  DEFAULT_START_TIMEOUT_MS,
  DistributedShop,
  settledOnEventLog,
  settledOnKafka,
} from '@eventmart/chaos';
import { eventsAbout } from '../../e2e/support/shop.js';
import type { ShopUnderTest } from '../../e2e/support/system.js';
import { outboxHistory } from './outbox-history.js';

/**
 * What a suite's start of the distributed shop may take: the harness's own bound on the
 * processes' readiness, and time for the database, the mock cluster and its topics besides.
 * A hook bound below the harness's cut a slow start short with a bare hook timeout (the
 * throughput file's Kafka case in CI), and left its processes starting unseen.
 */
export const DISTRIBUTED_START_TIMEOUT_MS = DEFAULT_START_TIMEOUT_MS + 30_000;

export interface DistributedShopOptions {
  /** The database every service and (without Kafka) the event log use; it must exist. */
  readonly databaseUrl: string;
  /** For every process: KAFKA_* settings and the like. */
  readonly env?: Readonly<Record<string, string>>;
  /** Kafka's brokers, when the events go there: read them from the services' outboxes. */
  readonly kafkaBrokers?: readonly string[];
}

export interface DistributedShopUnderTest extends ShopUnderTest {
  /** The test's own pool on the shop's database, to look at what the services stored. */
  readonly database: SqlDatabase;
}

/**
 * The saga features' view of the shop as distributed mode runs it (apps/chaos's
 * DistributedShop: each service in its own OS process, the gateway in front of them).
 */
export async function startDistributedShop(
  options: DistributedShopOptions,
): Promise<DistributedShopUnderTest> {
  const kafka = options.kafkaBrokers;
  const shop = await DistributedShop.start({
    databaseUrl: options.databaseUrl,
    env: { ...(kafka === undefined ? {} : { KAFKA_BROKERS: kafka.join(',') }), ...options.env },
  });
  const { database } = shop;
  return {
    url: shop.url,
    database,
    eventsAbout: (subject) =>
      kafka === undefined ? eventsAbout({ database }, subject) : outboxHistory(database, subject),
    settled: () =>
      kafka === undefined ? settledOnEventLog(database) : settledOnKafka(database, kafka),
    stop: () => shop.stop(),
  };
}
