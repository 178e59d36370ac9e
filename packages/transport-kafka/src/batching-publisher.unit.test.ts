import type { ProducerBatch } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '@eventmart/eventing';
import { BatchingPublisher, type BatchSender } from './batching-publisher.js';

const message = (topic: string, key: string, value = 'v'): OutgoingMessage => ({
  topic,
  key,
  headers: {},
  value,
});

/** A producer whose sends wait until the test settles them, one by one. */
class HeldSender implements BatchSender {
  readonly batches: ProducerBatch[] = [];
  private readonly pending: { resolve: () => void; reject: (error: Error) => void }[] = [];
  inFlight = 0;
  maxInFlight = 0;

  sendBatch(batch: ProducerBatch): Promise<unknown> {
    this.batches.push(batch);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    return new Promise<void>((resolve, reject) => this.pending.push({ resolve, reject })).finally(
      () => (this.inFlight -= 1),
    );
  }

  succeed(): void {
    this.pending.shift()?.resolve();
  }

  fail(error: Error): void {
    this.pending.shift()?.reject(error);
  }

  /** key:value of every record of `batch`, per topic. */
  static contents(batch: ProducerBatch | undefined): Record<string, string[]> {
    return Object.fromEntries(
      (batch?.topicMessages ?? []).map(({ topic, messages }) => [
        topic,
        messages.map((m) => `${String(m.key)}:${String(m.value)}`),
      ]),
    );
  }
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('BatchingPublisher', () => {
  it('sends with acks=all, grouped by topic, in call order then message order', async () => {
    const sender = new HeldSender();
    const publisher = new BatchingPublisher(sender);
    const first = publisher.publish([message('a', 'k1', '1'), message('b', 'k2', '2')]);
    await settled();
    // While the first round is out, the next calls queue up and go together.
    const second = publisher.publish([message('a', 'k1', '3')]);
    const third = publisher.publish([message('b', 'k2', '4'), message('a', 'k3', '5')]);
    sender.succeed();
    await first;
    await settled();
    expect(sender.batches).toHaveLength(2);
    expect(sender.batches[0]?.acks).toBe(-1);
    expect(HeldSender.contents(sender.batches[1])).toEqual({
      a: ['k1:3', 'k3:5'],
      b: ['k2:4'],
    });
    sender.succeed();
    await Promise.all([second, third]);
    expect(sender.maxInFlight).toBe(1);
  });

  it('rejects every call of a failed round, and goes on with the next', async () => {
    const sender = new HeldSender();
    const publisher = new BatchingPublisher(sender);
    const blocker = publisher.publish([message('a', 'k', '0')]);
    await settled();
    const failing = [
      publisher.publish([message('a', 'k', '1')]),
      publisher.publish([message('a', 'k', '2')]),
    ];
    sender.succeed();
    await blocker;
    await settled();
    sender.fail(new Error('NOT_ENOUGH_REPLICAS'));
    const outcomes = await Promise.allSettled(failing);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    const later = publisher.publish([message('a', 'k', '3')]);
    await settled();
    sender.succeed();
    await expect(later).resolves.toBeUndefined();
  });

  it('never splits a call, and caps a merged round by messages and bytes', async () => {
    const sender = new HeldSender();
    const publisher = new BatchingPublisher(sender, { maxMessages: 3, maxBytes: 10_000 });
    const calls = [
      publisher.publish([message('a', 'k', '0')]),
      publisher.publish([message('a', 'k', '1'), message('a', 'k', '2')]),
      publisher.publish([message('a', 'k', '3'), message('a', 'k', '4')]),
      publisher.publish([message('a', 'k', 'x'.repeat(20_000))]),
      publisher.publish([message('a', 'k', '5')]),
    ];
    for (let round = 0; round < 5; round += 1) {
      await settled();
      sender.succeed();
    }
    await Promise.all(calls);
    expect(sender.batches.map((b) => HeldSender.contents(b).a?.map((v) => v.length))).toEqual([
      [3],
      [3, 3],
      [3, 3],
      [20_002],
      [3],
    ]);
  });

  it('whenIdle waits for every call made so far', async () => {
    const sender = new HeldSender();
    const publisher = new BatchingPublisher(sender);
    let done = false;
    void publisher.publish([message('a', 'k')]).then(() => (done = true));
    const idle = publisher.whenIdle();
    await settled();
    expect(done).toBe(false);
    sender.succeed();
    await idle;
    expect(done).toBe(true);
    await publisher.whenIdle();
  });

  it('resolves an empty publish without sending', async () => {
    const sender = new HeldSender();
    await new BatchingPublisher(sender).publish([]);
    expect(sender.batches).toEqual([]);
  });
});
