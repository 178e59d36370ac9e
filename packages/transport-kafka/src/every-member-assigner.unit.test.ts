import { AssignerProtocol, type Cluster, type Logger } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { everyMemberRoundRobin } from './every-member-assigner.js';

/** A cluster that knows one topic of `partitions` partitions: all the assigner looks at. */
function clusterWith(partitions: number): Cluster {
  const metadata = Array.from({ length: partitions }, (_, partitionId) => ({ partitionId }));
  return { findTopicPartitionMetadata: () => metadata } as unknown as Cluster;
}

async function assign(partitions: number, members: string[]) {
  const assigner = everyMemberRoundRobin({
    cluster: clusterWith(partitions),
    groupId: 'g',
    logger: {} as Logger,
  });
  const result = await assigner.assign({
    members: members.map((memberId) => ({ memberId, memberMetadata: Buffer.alloc(0) })),
    topics: ['t'],
  });
  return Object.fromEntries(
    result.map(({ memberId, memberAssignment }) => [
      memberId,
      AssignerProtocol.MemberAssignment.decode(memberAssignment)?.assignment,
    ]),
  );
}

describe('everyMemberRoundRobin', () => {
  it('deals partitions round-robin, like kafkajs', async () => {
    expect(await assign(4, ['m1', 'm2'])).toEqual({ m1: { t: [0, 2] }, m2: { t: [1, 3] } });
  });

  it('gives members beyond the partition count an empty assignment instead of none', async () => {
    expect(await assign(2, ['m1', 'm2', 'm3'])).toEqual({
      m1: { t: [0] },
      m2: { t: [1] },
      m3: {},
    });
  });

  it("keeps kafkajs's protocol name, so members of both kinds can share a group", () => {
    const assigner = everyMemberRoundRobin({
      cluster: clusterWith(1),
      groupId: 'g',
      logger: {} as Logger,
    });
    expect(assigner.name).toBe('RoundRobinAssigner');
    expect(assigner.protocol({ topics: ['t'] }).name).toBe('RoundRobinAssigner');
  });
});
