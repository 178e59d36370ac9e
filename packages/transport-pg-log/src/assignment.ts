import type { Member, TopicPartition } from './log-store.js';

/**
 * The partitions `memberId` should hold: every partition of every topic the live members read,
 * in (topic, partition) order, dealt round-robin to the members reading that topic, in member
 * id order. Every member computes the same answer from the same member list; while their
 * lists differ for a moment, the leases keep two members off one partition.
 */
export function shareOf(
  memberId: string,
  members: readonly Member[],
  partitions: number,
): TopicPartition[] {
  const sorted = [...members].sort((a, b) => compare(a.memberId, b.memberId));
  const topics = [...new Set(sorted.flatMap((member) => member.topics))].sort(compare);
  const share: TopicPartition[] = [];
  let index = 0;
  for (const topic of topics) {
    const readers = sorted.filter((member) => member.topics.includes(topic));
    for (let partition = 0; partition < partitions; partition += 1, index += 1) {
      if (readers[index % readers.length]?.memberId === memberId) share.push({ topic, partition });
    }
  }
  return share;
}

/** Code-unit order: the same in every process, whatever its locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
