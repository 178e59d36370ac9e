import { expect } from 'vitest';
import type { CaseRegistry } from '../harness/case-context.js';
import { Collector } from '../harness/collector.js';
import { batches, formatCount, range } from '../harness/collections.js';
import { publishInBatches, toOutgoing } from '../harness/test-messages.js';
import { sleep } from '../harness/wait-for.js';

/** Cases 05 and 12: the order within a key, and how many handler calls run at once. */
export function orderingCases(cases: CaseRegistry): void {
  cases.add(
    '05 per-key order: 1,000 messages over 16 keys, consumers joining mid-stream',
    ['perKeyOrder'],
    async (ctx) => {
      const topic = ctx.topic('ordered');
      const group = ctx.group('g');
      const sent = ctx.messages.many(topic, ctx.count(1_000), 16);
      const consumers = ctx.capabilities.consumerGroups ? 3 : 1;
      const collector = new Collector(`group of ${String(consumers)} consumers`);
      // Handlers of uneven length, so a transport that does not hold a key back gets caught.
      const uneven = async (): Promise<void> => {
        if (Math.random() < 0.1) await sleep(1);
      };
      const join = (index: number) =>
        ctx.subscribe(
          ctx.transport,
          { group, topics: [topic] },
          collector.handler(`consumer ${String(index)}`, uneven),
        );

      // Sequential publishes: publish order per key is creation order (seq). The other
      // consumers join while messages flow, so the group rebalances under load.
      const chunks = batches(sent, 50);
      const joinAt = range(consumers).map((index) =>
        Math.floor((index * chunks.length) / consumers),
      );
      for (const [index, chunk] of chunks.entries()) {
        for (const consumer of range(consumers))
          if (joinAt[consumer] === index) await join(consumer);
        await ctx.transport.publish(chunk.map(toOutgoing));
      }
      await collector.waitForAll(sent, ctx.timeoutMs);

      expect(
        collector.keyOrderProblems(sent),
        'per-key order (first handling of each message)',
      ).toEqual([]);
      expect(collector.problems).toEqual([]);
      await ctx.note(
        `${formatCount(sent.length)} messages: ${formatCount(collector.duplicates())} redelivered`,
      );
    },
  );

  cases.add(
    '12 maxInFlight bounds the handler calls running at once in a subscriber',
    [],
    async (ctx) => {
      const slow = () => sleep(2);
      const runs = [
        { name: 'maxInFlight 3', maxInFlight: 3, limit: 3 },
        { name: 'the default maxInFlight (16)', limit: 16 },
      ].map(({ name, maxInFlight, limit }, index) => {
        const topic = ctx.topic(`busy-${String(index)}`);
        const limited = maxInFlight === undefined ? {} : { maxInFlight };
        return {
          name,
          limit,
          options: { group: ctx.group(`g-${String(index)}`), topics: [topic], ...limited },
          // 64 keys: every partition of any sane layout has more ready keys than the limit.
          sent: ctx.messages.many(topic, ctx.count(200), 64),
          collector: new Collector(`subscriber with ${name}`),
        };
      });
      for (const run of runs)
        await ctx.subscribe(ctx.transport, run.options, run.collector.handler('subscriber', slow));
      await Promise.all(runs.map((run) => publishInBatches(ctx.transport, run.sent, 100)));
      await Promise.all(runs.map((run) => run.collector.waitForAll(run.sent, ctx.timeoutMs)));

      const peaks = runs.map((run) => ({ ...run, peak: run.collector.peakInFlight('subscriber') }));
      const over = peaks
        .filter(({ peak, limit }) => peak > limit)
        .map(({ name, peak }) => `${name}: ${String(peak)} handler calls ran at once`);
      expect(over, 'subscribers that ran more handler calls at once than allowed').toEqual([]);
      await ctx.note(
        `peak handler calls at once: ${peaks.map((p) => `${p.name}: ${String(p.peak)}`).join('; ')}`,
      );
    },
  );
}
