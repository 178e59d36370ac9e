import type { KafkaMockCluster } from '@eventmart/transport-kafka/kafka-mock';
import type { ChaosOptions } from '../args.js';
import { handlerErrorSettings } from '../faults/handler-errors.js';
import { createChaosDatabase, type ChaosDatabase } from './chaos-database.js';
import { DistributedShop, type DistributedShopOptions } from './distributed-shop.js';
import { startKafkaMock } from './kafka-mock.js';
import { KAFKA_MOCK_SETTINGS } from './shop-settings.js';

/** Everything a run stands on: its database, the bus, the seven processes. */
export interface ChaosSystem {
  readonly database: ChaosDatabase;
  readonly shop: DistributedShop;
  /** The mock cluster, unless the run uses the event log or a real Kafka. */
  readonly cluster: KafkaMockCluster | undefined;
  /** The Kafka brokers, on Kafka. */
  readonly brokers: readonly string[] | undefined;
  /** Stops the processes and the mock, and drops the database unless kept. */
  stop(keepDatabase: boolean): Promise<void>;
}

/** Undoes what was started, last first; a failure does not keep the rest from being undone. */
async function undo(steps: readonly (() => Promise<void>)[]): Promise<void> {
  for (const step of [...steps].reverse()) await step().catch(() => undefined);
}

/**
 * A fresh database, the mock cluster with the catalog's topics (on Kafka, without --brokers),
 * and every service and the gateway in its own process with the faults' settings.
 */
export async function startChaosSystem(
  options: ChaosOptions,
  output: Pick<DistributedShopOptions, 'write' | 'onExit' | 'onFailedStart'>,
): Promise<ChaosSystem> {
  const database = await createChaosDatabase(options.serverUrl);
  const started: (() => Promise<void>)[] = [];
  try {
    let cluster: KafkaMockCluster | undefined;
    if (options.transport === 'kafka' && options.brokers === undefined) {
      cluster = await startKafkaMock();
      const mock = cluster;
      started.push(() => mock.stop());
    }
    const brokers =
      options.transport === 'kafka' ? (options.brokers ?? cluster?.brokers) : undefined;
    const shop = await DistributedShop.start({
      databaseUrl: database.url,
      env: {
        // Empty counts as unset: the event log, whatever the harness's own environment says.
        KAFKA_BROKERS: brokers?.join(',') ?? '',
        ...(cluster === undefined ? {} : KAFKA_MOCK_SETTINGS),
        ...(options.faults.has('handler-errors')
          ? handlerErrorSettings(options.handlerErrorRate, options.seed)
          : {}),
      },
      ...output,
    });
    return {
      database,
      shop,
      cluster,
      brokers,
      stop: async (keepDatabase) => {
        await undo([...started, () => shop.stop()]);
        if (!keepDatabase) await database.drop();
      },
    };
  } catch (error) {
    await undo(started);
    await database.drop().catch(() => undefined);
    throw error;
  }
}
