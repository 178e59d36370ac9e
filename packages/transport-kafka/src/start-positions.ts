import type { Admin } from 'kafkajs';

/** The admin calls this needs; a kafkajs Admin is one. */
export type OffsetsAdmin = Pick<Admin, 'fetchOffsets' | 'fetchTopicOffsets'>;

export interface PartitionOffset {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/**
 * The partitions of `assignment` for which `groupId` has no committed offset, each with the
 * offset the next published message will get. Committing these stores where a 'latest' group
 * starts, as the transport port requires: Kafka itself stores nothing until a message is
 * consumed, so a group that left before any message came would, coming back, skip whatever
 * was published while it was away.
 */
export async function latestWithoutCommit(
  admin: OffsetsAdmin,
  groupId: string,
  assignment: Readonly<Record<string, readonly number[]>>,
): Promise<PartitionOffset[]> {
  const topics = Object.keys(assignment).filter((topic) => (assignment[topic] ?? []).length > 0);
  if (topics.length === 0) return [];
  const committed = await admin.fetchOffsets({ groupId, topics });
  const missing: PartitionOffset[] = [];
  for (const { topic, partitions } of committed) {
    const assigned = new Set(assignment[topic] ?? []);
    const unset = partitions.filter((p) => assigned.has(p.partition) && Number(p.offset) < 0);
    if (unset.length === 0) continue;
    const ends = new Map(
      (await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => [partition, high]),
    );
    for (const { partition } of unset) {
      const offset = ends.get(partition);
      if (offset !== undefined) missing.push({ topic, partition, offset });
    }
  }
  return missing;
}
