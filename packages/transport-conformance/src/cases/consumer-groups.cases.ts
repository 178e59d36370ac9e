import { expect } from 'vitest';
import type { CaseRegistry } from '../harness/case-context.js';
import { Collector } from '../harness/collector.js';
import { formatCount } from '../harness/collections.js';
import { publishInBatches } from '../harness/test-messages.js';
import { sleep } from '../harness/wait-for.js';

/** Cases 08 and 09: groups are independent readers, each starting where it is told. */
export function consumerGroupCases(cases: CaseRegistry): void {
  cases.add('08 two consumer groups each get every message', ['consumerGroups'], async (ctx) => {
    const topic = ctx.topic('shared');
    const sent = ctx.messages.many(topic, ctx.count(200), 8);
    const [a, b] = [ctx.group('a'), ctx.group('b')];
    const groupA = new Collector(`group a (2 members)`);
    const groupB = new Collector(`group b (1 member)`);
    await ctx.subscribe(ctx.transport, { group: a, topics: [topic] }, groupA.handler('a1'));
    await ctx.subscribe(ctx.transport, { group: a, topics: [topic] }, groupA.handler('a2'));
    await ctx.subscribe(ctx.transport, { group: b, topics: [topic] }, groupB.handler('b1'));

    await publishInBatches(ctx.transport, sent, 25);
    await Promise.all([
      groupA.waitForAll(sent, ctx.timeoutMs),
      groupB.waitForAll(sent, ctx.timeoutMs),
    ]);

    expect([...groupA.problems, ...groupB.problems]).toEqual([]);
    await ctx.note(
      `redelivered: group a ${formatCount(groupA.duplicates())}, group b ${formatCount(groupB.duplicates())}`,
    );
  });

  cases.add(
    "09 a new group starts from 'earliest' or 'latest'; a stored position wins over both",
    [],
    async (ctx) => {
      // One topic per group, so the case needs no consumer-group capability.
      const [early, late] = [ctx.topic('early'), ctx.topic('late')];
      const before = [
        ...ctx.messages.many(early, ctx.count(50), 4),
        ...ctx.messages.many(late, ctx.count(50), 4),
      ];
      await publishInBatches(ctx.transport, before, 25);

      const earliest = new Collector("group with startFrom 'earliest'");
      const latest = new Collector("group with startFrom 'latest'");
      const latestGroup = ctx.group('latest');
      await ctx.subscribe(
        ctx.transport,
        { group: ctx.group('earliest'), topics: [early], startFrom: 'earliest' },
        earliest.handler('reader'),
      );
      const firstLatest = await ctx.subscribe(
        ctx.transport,
        { group: latestGroup, topics: [late], startFrom: 'latest' },
        latest.handler('reader'),
      );
      const after = [
        ...ctx.messages.many(early, ctx.count(50), 4),
        ...ctx.messages.many(late, ctx.count(50), 4),
      ];
      await publishInBatches(ctx.transport, after, 25);

      const onTopic = (topic: string, messages: typeof before) =>
        messages.filter((m) => m.topic === topic);
      await earliest.waitForAll(
        [...onTopic(early, before), ...onTopic(early, after)],
        ctx.timeoutMs,
      );
      await latest.waitForAll(onTopic(late, after), ctx.timeoutMs);
      await sleep(ctx.quietMs);
      expect(
        latest.unexpected(onTopic(late, after)),
        "messages from before a 'latest' group existed",
      ).toEqual([]);

      // Away and back with 'latest' again: the group's stored position decides, not startFrom.
      await firstLatest.close();
      latest.markClosed('reader');
      const whileAway = ctx.messages.many(late, ctx.count(20), 4);
      await publishInBatches(ctx.transport, whileAway, 10);
      await ctx.subscribe(
        ctx.transport,
        { group: latestGroup, topics: [late], startFrom: 'latest' },
        latest.handler('reader again'),
      );
      await latest.waitForAll(whileAway, ctx.timeoutMs, 'published while the group had no member');
      expect([...earliest.problems, ...latest.problems]).toEqual([]);
    },
  );
}
