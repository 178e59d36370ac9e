import { AssignerProtocol, PartitionAssigners, type PartitionAssigner } from 'kafkajs';

/**
 * kafkajs's round-robin assignment, plus an empty assignment for every member that got no
 * partition (more members than partitions). kafkajs leaves those members out of the leader's
 * SyncGroup; Kafka fills the gap, but a coordinator may also wait for every member's entry (the
 * librdkafka mock does, and the group never stabilizes). Same protocol name and version, so it
 * mixes with members that use kafkajs's own.
 */
export const everyMemberRoundRobin: PartitionAssigner = (config) => {
  const roundRobin = PartitionAssigners.roundRobin(config);
  return {
    name: roundRobin.name,
    version: roundRobin.version,
    protocol: (subscription) => roundRobin.protocol(subscription),
    async assign(group) {
      const assignments = await roundRobin.assign(group);
      const assigned = new Set(assignments.map(({ memberId }) => memberId));
      const empty = AssignerProtocol.MemberAssignment.encode({
        version: roundRobin.version,
        assignment: {},
        userData: Buffer.alloc(0),
      });
      const idle = group.members
        .filter(({ memberId }) => !assigned.has(memberId))
        .map(({ memberId }) => ({ memberId, memberAssignment: empty }));
      return [...assignments, ...idle];
    },
  };
};
