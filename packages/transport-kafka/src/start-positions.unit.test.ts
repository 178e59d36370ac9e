import { describe, expect, it } from 'vitest';
import { latestWithoutCommit, type OffsetsAdmin } from './start-positions.js';

/** Committed offsets per topic/partition ('-1' when none) and end offsets per topic. */
function fakeAdmin(
  committed: Record<string, Record<number, string>>,
  ends: Record<string, Record<number, string>>,
): OffsetsAdmin & { endsAskedFor: string[] } {
  const endsAskedFor: string[] = [];
  return {
    endsAskedFor,
    fetchOffsets: async ({ topics }) =>
      (topics ?? []).map((topic) => ({
        topic,
        partitions: Object.entries(committed[topic] ?? {}).map(([partition, offset]) => ({
          partition: Number(partition),
          offset,
          metadata: null,
        })),
      })),
    fetchTopicOffsets: async (topic) => {
      endsAskedFor.push(topic);
      return Object.entries(ends[topic] ?? {}).map(([partition, high]) => ({
        partition: Number(partition),
        offset: high,
        high,
        low: '0',
      }));
    },
  };
}

describe('latestWithoutCommit', () => {
  it('gives the end offset of each assigned partition the group has no commit for', async () => {
    const admin = fakeAdmin(
      { a: { 0: '-1', 1: '7', 2: '-1' }, b: { 0: '3' } },
      { a: { 0: '10', 1: '12', 2: '0' }, b: { 0: '5' } },
    );
    const missing = await latestWithoutCommit(admin, 'g', { a: [0, 1], b: [0] });
    expect(missing).toEqual([{ topic: 'a', partition: 0, offset: '10' }]);
    // Partition a/2 is someone else's; topic b is fully committed: its ends are not even read.
    expect(admin.endsAskedFor).toEqual(['a']);
  });

  it('asks nothing for an empty assignment', async () => {
    const admin = fakeAdmin({}, {});
    expect(await latestWithoutCommit(admin, 'g', { a: [] })).toEqual([]);
    expect(admin.endsAskedFor).toEqual([]);
  });
});
