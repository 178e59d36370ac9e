import type { ITopicConfig } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { ALL_TOPICS } from '@eventmart/contracts';
import { planTopics, provisionTopics, type TopicAdmin } from './topic-provisioning.js';

const settings = { partitions: 12, replicationFactor: 3, retentionMs: 604_800_000 };

/** An admin client that knows `existing` topics and records what it is asked to create. */
function fakeAdmin(existing: string[]): TopicAdmin & { created: ITopicConfig[][] } {
  const created: ITopicConfig[][] = [];
  return {
    created,
    listTopics: async () => [...existing],
    createTopics: async ({ topics }) => {
      created.push(topics);
      return true;
    },
  };
}

describe('planTopics', () => {
  it('creates each missing topic once, with partitions, replication and retention', () => {
    const plan = planTopics(
      ['orders.new', '__consumer_offsets'],
      ['payments.failed', 'orders.new', 'orders.confirmed', 'payments.failed'],
      settings,
    );
    expect(plan).toEqual([
      {
        topic: 'orders.confirmed',
        numPartitions: 12,
        replicationFactor: 3,
        configEntries: [
          { name: 'retention.ms', value: '604800000' },
          { name: 'min.insync.replicas', value: '2' },
        ],
      },
      {
        topic: 'payments.failed',
        numPartitions: 12,
        replicationFactor: 3,
        configEntries: [
          { name: 'retention.ms', value: '604800000' },
          { name: 'min.insync.replicas', value: '2' },
        ],
      },
    ]);
  });

  it('keeps one replica of slack for min.insync.replicas, and never asks for less than one', () => {
    const minInSync = (replicationFactor: number) =>
      planTopics([], ['t'], { ...settings, replicationFactor })[0]?.configEntries?.[1]?.value;
    expect([1, 2, 3, 5].map(minInSync)).toEqual(['1', '1', '2', '2']);
  });

  it('writes retention -1 as Kafka does: keep forever', () => {
    const [topic] = planTopics([], ['audit'], { ...settings, retentionMs: -1 });
    expect(topic?.configEntries?.[0]).toEqual({ name: 'retention.ms', value: '-1' });
  });

  it('plans nothing when every topic exists', () => {
    expect(planTopics([...ALL_TOPICS], ALL_TOPICS, settings)).toEqual([]);
  });
});

describe('provisionTopics', () => {
  it('creates the catalog topics the cluster lacks, in one call, and says which', async () => {
    const admin = fakeAdmin(['orders.new', 'users.registered']);
    const created = await provisionTopics(admin, ALL_TOPICS, settings);
    const expected = ALL_TOPICS.filter((t) => t !== 'orders.new' && t !== 'users.registered');
    expect(created).toEqual([...expected].sort());
    expect(admin.created).toHaveLength(1);
    expect(admin.created[0]?.map((topic) => topic.topic)).toEqual(created);
  });

  it('does not call createTopics when nothing is missing', async () => {
    const admin = fakeAdmin([...ALL_TOPICS]);
    expect(await provisionTopics(admin, ALL_TOPICS, settings)).toEqual([]);
    expect(admin.created).toEqual([]);
  });

  it('lets a failure to create surface', async () => {
    const admin: TopicAdmin = {
      listTopics: async () => [],
      createTopics: () => Promise.reject(new Error('not authorized')),
    };
    await expect(provisionTopics(admin, ['t'], settings)).rejects.toThrow('not authorized');
  });
});
