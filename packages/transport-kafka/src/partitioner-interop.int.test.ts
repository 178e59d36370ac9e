import { spawn } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { KafkaTransport } from './kafka-transport.js';
import { mockTransportOptions } from './test-support.js';
import { describeWithKcat, KafkaMockCluster } from './testing/index.js';

// A record keyed by an order id must land on the partition our producer picks for that key,
// whoever produces it, or that order's events are no longer read in order. kafkajs hashes keys
// with Java's murmur2; librdkafka (kcat here) must be told to do the same.

const PARTITIONS = 12;
const KEYS = Array.from({ length: 200 }, (_, index) => `order-${index}-${(index * 7919) % 1000}`);

/** Runs kcat with `input` on its stdin; resolves with its stdout, rejects on a non-zero exit. */
function kcat(args: string[], input = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('kcat', args, { stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`kcat ${args.join(' ')} exited ${String(code)}: ${stderr}`));
    });
    child.stdin.end(input);
  });
}

describeWithKcat('keys partitioned by another client', () => {
  let cluster: KafkaMockCluster;
  beforeAll(async () => {
    cluster = await KafkaMockCluster.start({ brokers: 1 });
    for (const topic of ['ours', 'kcat-murmur2', 'kcat-default']) {
      await cluster.createTopic(topic, PARTITIONS);
    }
    const transport = new KafkaTransport(mockTransportOptions(cluster));
    await transport.publish(
      KEYS.map((key) => ({ topic: 'ours', key, headers: {}, value: 'from kafkajs' })),
    );
    await transport.close();
    const lines = KEYS.map((key) => `${key}:from kcat\n`).join('');
    const produce = (topic: string, extra: string[]) =>
      kcat(['-b', cluster.bootstrap, '-t', topic, '-P', '-K:', ...extra], lines);
    await produce('kcat-murmur2', ['-X', 'partitioner=murmur2_random']);
    await produce('kcat-default', []);
  });
  afterAll(() => cluster.stop());

  /** Every key of the topic and the partition its record was stored in, as kcat reads them. */
  async function partitionsOf(topic: string): Promise<Map<string, number>> {
    const out = await kcat(['-b', cluster.bootstrap, '-t', topic, '-C', '-e', '-f', '%k %p\\n']);
    const rows = out
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => line.split(' '));
    return new Map(rows.map(([key = '', partition = '']) => [key, Number(partition)]));
  }

  it('kcat with partitioner=murmur2_random puts every key where kafkajs does', async () => {
    const ours = await partitionsOf('ours');
    const theirs = await partitionsOf('kcat-murmur2');
    expect(ours.size).toBe(KEYS.length);
    // The keys spread over the partitions, so agreeing is not a matter of all landing on one.
    expect(new Set(ours.values()).size).toBe(PARTITIONS);
    expect(theirs).toEqual(ours);
  });

  it("kcat's default partitioner (consistent_random, CRC32) puts many keys elsewhere", async () => {
    const ours = await partitionsOf('ours');
    const theirs = await partitionsOf('kcat-default');
    expect(theirs.size).toBe(KEYS.length);
    const moved = KEYS.filter((key) => theirs.get(key) !== ours.get(key));
    // Two unrelated hashes over 12 partitions agree on about one key in twelve.
    expect(moved.length).toBeGreaterThan(KEYS.length / 2);
  });
});
