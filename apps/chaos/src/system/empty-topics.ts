import { topicPlan } from '@eventmart/distributed';
import { kafkaAdmin } from '../settle/settled.js';

/**
 * A real Kafka must hold nothing on the catalog's topics: the invariants count every event on
 * them, and the services' new consumer groups would read an earlier run's events from the start.
 */
export async function assertTopicsEmpty(brokers: readonly string[]): Promise<void> {
  const admin = await kafkaAdmin(brokers);
  try {
    const existing = new Set(await admin.listTopics());
    for (const { topic } of topicPlan()) {
      if (!existing.has(topic)) continue;
      const offsets = await admin.fetchTopicOffsets(topic);
      if (offsets.some((partition) => partition.high !== partition.low))
        throw new Error(
          `the topic ${topic} on ${brokers.join(',')} holds messages; a chaos run needs empty topics (or none: the services create them)`,
        );
    }
  } finally {
    await admin.disconnect();
  }
}
