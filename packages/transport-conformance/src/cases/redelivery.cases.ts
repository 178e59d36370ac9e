import { expect } from 'vitest';
import type { CaseRegistry } from '../harness/case-context.js';
import { Collector } from '../harness/collector.js';
import { range } from '../harness/collections.js';
import { gate, track, type Tracked } from '../harness/promises.js';
import { publishInBatches, toOutgoing } from '../harness/test-messages.js';
import { sleep, waitFor } from '../harness/wait-for.js';

const REJECTIONS = 2;

/** Cases 04, 11 and 13: a rejection is not an acknowledgement, and neither is a close(). */
export function redeliveryCases(cases: CaseRegistry): void {
  cases.add(
    '04 a rejected message is redelivered until handled, other keys flowing meanwhile',
    [],
    async (ctx) => {
      const topic = ctx.topic('flaky');
      const group = ctx.group('g');
      const sent = ctx.messages.many(topic, ctx.count(100), 10);
      // The second message of two keys fails: the first of its key went through already.
      const failing = new Set(
        sent
          .filter((m) => (m.key === 'key-0' || m.key === 'key-1') && m.seq === 1)
          .map((m) => m.id),
      );
      const others = sent.filter((m) => m.key !== 'key-0' && m.key !== 'key-1');
      const collector = new Collector(`group ${group}`);
      // With per-key order, the failing messages keep failing until every other key is done:
      // the proof that a key being retried holds back only itself.
      const othersDone = () => collector.missing(others).length === 0;
      const holdOut = ctx.capabilities.perKeyOrder;
      const flaky = collector.handler('subscriber', ({ id, message }) => {
        if (!failing.has(id)) return;
        if (collector.deliveriesOf(id).length <= REJECTIONS || (holdOut && !othersDone())) {
          throw new Error(
            `conformance: rejecting ${id}, attempt ${String(message.deliveryAttempt)}`,
          );
        }
      });
      await ctx.subscribe(ctx.transport, { group, topics: [topic] }, flaky);

      await publishInBatches(ctx.transport, sent, 20);
      if (holdOut)
        await collector.waitForAll(others, ctx.timeoutMs, 'keys other than the two being rejected');
      await collector.waitForAll(sent, ctx.timeoutMs);

      for (const id of failing) {
        const attempts = collector
          .deliveriesOf(id)
          .map((delivery) => delivery.message.deliveryAttempt);
        expect(attempts.length, `deliveries of ${id}`).toBeGreaterThan(REJECTIONS);
        expect(attempts, `deliveryAttempt of ${id}, delivery after delivery`).toEqual(
          range(attempts.length).map((n) => n + 1),
        );
      }
      if (ctx.capabilities.perKeyOrder)
        expect(collector.keyOrderProblems(sent), 'per-key order').toEqual([]);
      expect(collector.problems).toEqual([]);
    },
  );

  cases.add(
    '11 closing a subscription waits for handlers in flight and acknowledges only what they finished',
    [],
    async (ctx) => {
      const topic = ctx.topic('closing');
      const group = ctx.group('g');
      const finishes = ctx.messages.one(topic, 'finishes');
      const failsLate = ctx.messages.one(topic, 'fails-late');
      const rejected = ctx.messages.one(topic, 'rejected');
      const behindRejected = ctx.messages.one(topic, 'rejected');
      const all = [finishes, failsLate, rejected, behindRejected];
      const release = gate();
      const collector = new Collector(`group ${group}`);
      const first = await ctx.subscribe(
        ctx.transport,
        { group, topics: [topic], maxInFlight: 4 },
        collector.handler('first subscriber', async ({ id }) => {
          if (id === finishes.id) await release.opened;
          if (id === failsLate.id) {
            await release.opened;
            throw new Error('conformance: failing after close() was called');
          }
          if (id === rejected.id) throw new Error('conformance: rejected');
        }),
      );

      let closing: Tracked<number> | undefined;
      try {
        await ctx.transport.publish(all.map(toOutgoing));
        const started = (id: string) => collector.deliveriesOf(id).length > 0;
        await waitFor(
          () =>
            started(finishes.id) &&
            started(failsLate.id) &&
            collector.deliveriesOf(rejected.id).some((d) => d.outcome === 'rejected'),
          ctx.timeoutMs,
          () =>
            `before closing, expected two handlers running and one rejection; started: ${all
              .filter((m) => started(m.id))
              .map((m) => m.key)
              .join(', ')}`,
        );
        closing = track(first.close().then(() => collector.inFlight('first subscriber')));
        await sleep(ctx.quietMs);
        expect(closing.settled, 'close() resolved while two handlers were running').toBe(false);
      } finally {
        release.open();
      }
      expect(await closing.promise, 'handler calls running when close() resolved').toBe(0);
      collector.markClosed('first subscriber');
      expect(collector.isAcknowledged(finishes.id), 'the handler running at close() finished').toBe(
        true,
      );

      await ctx.subscribe(
        ctx.transport,
        { group, topics: [topic] },
        collector.handler('second subscriber'),
      );
      const bySecond = (id: string) =>
        collector
          .deliveriesOf(id)
          .some((d) => d.subscriber === 'second subscriber' && d.outcome === 'acknowledged');
      await waitFor(
        () =>
          bySecond(failsLate.id) &&
          bySecond(rejected.id) &&
          all.every((m) => collector.isAcknowledged(m.id)),
        ctx.timeoutMs,
        () =>
          `the next subscriber should get what the first did not acknowledge; ` +
          `acknowledged by it: ${
            all
              .filter((m) => bySecond(m.id))
              .map((m) => m.id)
              .join(', ') || 'nothing'
          }`,
      );
      await sleep(ctx.quietMs);

      if (ctx.capabilities.perKeyOrder)
        expect(collector.keyOrderProblems(all), 'per-key order').toEqual([]);
      expect(collector.problems).toEqual([]);
      const again = bySecond(finishes.id) ? 'was' : 'was not';
      await ctx.note(
        `the message acknowledged during close() ${again} delivered again (at-least-once allows it)`,
      );
    },
  );

  cases.add(
    '13 a second close() of a subscription waits for handlers in flight like the first',
    [],
    async (ctx) => {
      const topic = ctx.topic('closing-twice');
      const message = ctx.messages.one(topic, 'slow');
      const release = gate();
      const collector = new Collector('the only subscriber');
      const subscription = await ctx.subscribe(
        ctx.transport,
        { group: ctx.group('g'), topics: [topic] },
        collector.handler('subscriber', () => release.opened),
      );
      let settled: boolean[] = [];
      let closes: Tracked<number>[] = [];
      try {
        await ctx.transport.publish([toOutgoing(message)]);
        await waitFor(
          () => collector.inFlight('subscriber') === 1,
          ctx.timeoutMs,
          () => 'the handler never started',
        );
        closes = [subscription.close(), subscription.close()].map((close) =>
          track(close.then(() => collector.inFlight('subscriber'))),
        );
        await sleep(ctx.quietMs);
        settled = closes.map((close) => close.settled);
      } finally {
        release.open();
      }
      const running = await Promise.all(closes.map((close) => close.promise));
      expect(
        { settled, running },
        'each close(): resolved while the handler ran; handler calls running at resolution',
      ).toEqual({
        settled: [false, false],
        running: [0, 0],
      });
    },
  );
}
