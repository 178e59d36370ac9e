import type { Admin, ITopicConfig } from 'kafkajs';

/** The two admin calls provisioning needs; a kafkajs Admin is one. */
export type TopicAdmin = Pick<Admin, 'listTopics' | 'createTopics'>;

export interface TopicSettings {
  readonly partitions: number;
  readonly replicationFactor: number;
  /** retention.ms of a new topic; -1 keeps messages forever. */
  readonly retentionMs: number;
}

/**
 * The topics to create: those of `wanted` the cluster does not have, each with the partition
 * count, replication and retention given. min.insync.replicas is one less than the replication
 * (at most 2, at least 1), so that with acks=all a publish survives one broker being down and
 * is still on two brokers when it resolves.
 */
export function planTopics(
  existing: readonly string[],
  wanted: readonly string[],
  settings: TopicSettings,
): ITopicConfig[] {
  const present = new Set(existing);
  const minInSync = Math.max(1, Math.min(2, settings.replicationFactor - 1));
  return [...new Set(wanted)]
    .filter((topic) => !present.has(topic))
    .sort()
    .map((topic) => ({
      topic,
      numPartitions: settings.partitions,
      replicationFactor: settings.replicationFactor,
      configEntries: [
        { name: 'retention.ms', value: String(settings.retentionMs) },
        { name: 'min.insync.replicas', value: String(minInSync) },
      ],
    }));
}

/**
 * Creates the topics of `wanted` that are missing, and returns their names. Existing topics are
 * left as they are (their partition count is never changed: that would move keys between
 * partitions). Another process creating the same topic at the same time is no error.
 */
export async function provisionTopics(
  admin: TopicAdmin,
  wanted: readonly string[],
  settings: TopicSettings,
): Promise<string[]> {
  const plan = planTopics(await admin.listTopics(), wanted, settings);
  if (plan.length === 0) return [];
  // kafkajs resolves false when every topic already exists (created by someone else meanwhile).
  await admin.createTopics({ topics: plan, waitForLeaders: true });
  return plan.map(({ topic }) => topic);
}
