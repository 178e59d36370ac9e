import { expect } from 'vitest';
import type { CaseRegistry } from '../harness/case-context.js';
import { Collector } from '../harness/collector.js';
import { batches, formatCount } from '../harness/collections.js';
import { track } from '../harness/promises.js';
import { publishInBatches, toOutgoing } from '../harness/test-messages.js';
import { sleep, waitFor } from '../harness/wait-for.js';

const ROUNDS = 5;

/** Cases 06, 07 and 10: consumers and transports closing and coming back lose nothing. */
export function lifecycleCases(cases: CaseRegistry): void {
  cases.add(
    `06 a consumer closed and reopened ${String(ROUNDS)} times mid-stream loses nothing`,
    [],
    async (ctx) => {
      const topic = ctx.topic('restarts');
      const group = ctx.group('g');
      const sent = ctx.messages.many(topic, ctx.count(500), 8);
      const collector = new Collector(`group ${group}`);
      const publishing = (async () => {
        for (const batch of batches(sent, 10)) {
          await ctx.transport.publish(batch.map(toOutgoing));
          await sleep(1); // pacing, so closes and reopens fall between publishes
        }
      })();

      for (let round = 1; round <= ROUNDS; round += 1) {
        const name = `consumer ${String(round)}`;
        const subscription = await ctx.subscribe(
          ctx.transport,
          { group, topics: [topic] },
          collector.handler(name),
        );
        const target = Math.ceil((round * sent.length) / (ROUNDS + 1));
        await waitFor(
          () => collector.acknowledgedCount() >= target,
          ctx.timeoutMs,
          () =>
            `${name}: ${formatCount(collector.acknowledgedCount())} of the first ${formatCount(target)} acknowledged`,
        );
        await subscription.close();
        collector.markClosed(name);
      }
      await publishing;
      await ctx.subscribe(
        ctx.transport,
        { group, topics: [topic] },
        collector.handler('last consumer'),
      );
      await collector.waitForAll(sent, ctx.timeoutMs);

      expect(collector.problems).toEqual([]);
      await ctx.note(
        `${formatCount(sent.length)} messages: ${formatCount(collector.duplicates())} redelivered`,
      );
    },
  );

  cases.add(
    '07 transport close() waits for publishes in flight; publish and subscribe reject after it',
    [],
    async (ctx) => {
      const topic = ctx.topic('closing');
      const sent = ctx.messages.many(topic, ctx.count(200), 8);
      const watcher = new Collector('a subscriber of the closing transport');
      await ctx.subscribe(
        ctx.transport,
        { group: ctx.group('watcher'), topics: [topic] },
        watcher.handler('watcher'),
      );

      const publishes = batches(sent, 10).map((batch) =>
        track(ctx.transport.publish(batch.map(toOutgoing))),
      );
      await ctx.closeTransport(ctx.transport);
      const pending = publishes.filter((publish) => !publish.settled).length;
      watcher.markClosed('watcher');
      expect(pending, 'publish calls still pending when close() resolved').toBe(0);
      const outcomes = await Promise.allSettled(publishes.map((publish) => publish.promise));
      const failed = outcomes.flatMap((outcome) =>
        outcome.status === 'rejected' ? [String(outcome.reason)] : [],
      );
      expect(failed, 'publishes in flight at close() should complete, not fail').toEqual([]);

      const late = ctx.messages.one(topic, 'late');
      await expect(
        ctx.transport.publish([toOutgoing(late)]),
        'publish after close()',
      ).rejects.toThrow();
      const subscribing = ctx.transport.subscribe(
        { group: ctx.group('late'), topics: [topic] },
        () => Promise.resolve(),
      );
      await expect(subscribing, 'subscribe after close()').rejects.toThrow();

      if (ctx.capabilities.persistent) {
        const reopened = await ctx.reopen();
        const reader = new Collector('a new group on the reopened transport');
        await ctx.subscribe(
          reopened,
          { group: ctx.group('reader'), topics: [topic] },
          reader.handler('reader'),
        );
        await reader.waitForAll(
          sent,
          ctx.timeoutMs,
          'everything whose publish resolved before close()',
        );
      }
      await sleep(ctx.quietMs);
      expect(watcher.problems).toEqual([]);
    },
  );

  cases.add(
    '10 messages and group positions survive closing and reopening the transport',
    ['persistent'],
    async (ctx) => {
      const topic = ctx.topic('durable');
      const group = ctx.group('steady');
      const first = ctx.messages.many(topic, ctx.count(100), 8);
      const collector = new Collector(`group ${group}`);
      await ctx.subscribe(
        ctx.transport,
        { group, topics: [topic] },
        collector.handler('before reopening'),
      );
      await publishInBatches(ctx.transport, first, 20);
      await collector.waitForAll(first, ctx.timeoutMs);
      await ctx.closeTransport(ctx.transport);
      collector.markClosed('before reopening');

      const reopened = await ctx.reopen();
      const second = ctx.messages.many(topic, ctx.count(100), 8);
      await publishInBatches(reopened, second, 20);
      await ctx.subscribe(
        reopened,
        { group, topics: [topic] },
        collector.handler('after reopening'),
      );
      await collector.waitForAll(
        [...first, ...second],
        ctx.timeoutMs,
        'the same group after reopening',
      );
      const newcomer = new Collector('a new group on the reopened transport');
      await ctx.subscribe(
        reopened,
        { group: ctx.group('newcomer'), topics: [topic] },
        newcomer.handler('newcomer'),
      );
      await newcomer.waitForAll([...first, ...second], ctx.timeoutMs);
      await sleep(ctx.quietMs);

      const again = first.filter((m) =>
        collector.deliveriesOf(m.id).some((d) => d.subscriber === 'after reopening'),
      );
      expect(
        again.length,
        `messages acknowledged before reopening and delivered again after it (at most half may be)`,
      ).toBeLessThanOrEqual(Math.floor(first.length / 2));
      expect([...collector.problems, ...newcomer.problems]).toEqual([]);
      await ctx.note(
        `${formatCount(again.length)} of ${formatCount(first.length)} acknowledged messages delivered again after reopening`,
      );
    },
  );
}
