import { topicPlan } from '@eventmart/distributed';
import { KafkaMockCluster } from '@eventmart/transport-kafka/kafka-mock';

/** Brokers of the mock cluster (ids 1 to 3): a topic's partitions are spread over them. */
export const MOCK_BROKERS = 3;

/**
 * A librdkafka mock cluster with every topic of the catalog, created through the mock's
 * helper before any service starts (kafkajs admin calls cannot create them on the mock).
 */
export async function startKafkaMock(): Promise<KafkaMockCluster> {
  const cluster = await KafkaMockCluster.start({ brokers: MOCK_BROKERS });
  try {
    for (const { topic, partitions } of topicPlan()) {
      await cluster.createTopic(topic, partitions.kafka);
    }
    return cluster;
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}
