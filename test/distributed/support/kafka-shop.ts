import { topicPlan } from '@eventmart/distributed';
import { KafkaMockCluster } from '@eventmart/transport-kafka/testing';
import { startDistributedShop, type DistributedShop } from './distributed-shop.js';

/**
 * The distributed shop on a librdkafka mock cluster of three brokers. The catalog's topics are
 * created through the mock's helper before any service starts, so the services create none
 * (KAFKA_PROVISION_TOPICS=false). The mock does not implement idempotent producers: off.
 */
export async function startKafkaShop(databaseUrl: string): Promise<DistributedShop> {
  const cluster = await KafkaMockCluster.start({ brokers: 3 });
  try {
    for (const { topic, partitions } of topicPlan()) {
      await cluster.createTopic(topic, partitions.kafka);
    }
    const shop = await startDistributedShop({
      databaseUrl,
      kafkaBrokers: cluster.brokers,
      env: {
        KAFKA_PROVISION_TOPICS: 'false',
        KAFKA_IDEMPOTENT: 'false',
        // A SIGKILLed member's partitions move once its session times out: short here.
        KAFKA_SESSION_TIMEOUT_MS: '6000',
        KAFKA_HEARTBEAT_INTERVAL_MS: '1000',
      },
    });
    return {
      ...shop,
      stop: async () => {
        await shop.stop();
        await cluster.stop();
      },
    };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}
