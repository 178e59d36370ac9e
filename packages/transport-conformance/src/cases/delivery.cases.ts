import { expect } from 'vitest';
import type { CaseRegistry } from '../harness/case-context.js';
import { Collector, type Delivery } from '../harness/collector.js';
import { formatCount, interleave, range } from '../harness/collections.js';
import { publishInBatches, type TestMessage, type Variation } from '../harness/test-messages.js';
import { sleep } from '../harness/wait-for.js';

const utf8 = new TextDecoder();

/** Cases 00-03: what goes in comes out, once, to the right subscriber, under load. */
export function deliveryCases(cases: CaseRegistry): void {
  cases.add('00 declares the capabilities it is tested with', [], (ctx) => {
    expect(ctx.transport.name, 'transport.name').not.toBe('');
    expect(
      ctx.transport.capabilities,
      'transport.capabilities differ from those given to the suite: cases would be skipped or misjudged',
    ).toEqual(ctx.capabilities);
  });

  cases.add(
    '01 publish/subscribe keeps every field intact and delivers each message once',
    [],
    async (ctx) => {
      const topic = ctx.topic('orders');
      const sent = ctx.messages.many(topic, ctx.count(100), 10, 'order', unusual);
      const collector = new Collector('the only subscriber');
      await ctx.subscribe(
        ctx.transport,
        { group: ctx.group('g'), topics: [topic] },
        collector.handler('subscriber'),
      );

      await publishInBatches(ctx.transport, sent, 10);
      await collector.waitForAll(sent, ctx.timeoutMs);
      await sleep(ctx.quietMs);

      expect(collector.unexpected(sent), 'deliveries of messages never published').toEqual([]);
      const repeated = sent
        .map((message) => ({ id: message.id, times: collector.deliveriesOf(message.id).length }))
        .filter(({ times }) => times !== 1);
      expect(repeated, 'delivered more than once although every handler call resolved').toEqual([]);
      const changed = sent.flatMap((message) => {
        const [delivery] = collector.deliveriesOf(message.id);
        return delivery === undefined ? [] : differences(message, delivery);
      });
      expect(changed, 'fields the transport did not keep intact').toEqual([]);
      const positions = new Set(
        collector.deliveries.map(({ message }) => `${String(message.partition)}/${message.offset}`),
      );
      expect(positions.size, 'distinct (partition, offset) pairs, one per message').toBe(
        sent.length,
      );
    },
  );

  cases.add(
    '02 50 concurrent publishers and several subscribers of one group lose nothing',
    [],
    async (ctx) => {
      const topic = ctx.topic('busy');
      const group = ctx.group('g');
      const publishers = 50;
      const share = Math.ceil(ctx.count(5_000) / publishers);
      const subscribers = ctx.capabilities.consumerGroups ? 5 : 1;
      const collector = new Collector(`group of ${String(subscribers)} subscribers`);
      await Promise.all(
        range(subscribers).map((index) =>
          ctx.subscribe(
            ctx.transport,
            { group, topics: [topic] },
            collector.handler(`subscriber ${String(index)}`),
          ),
        ),
      );

      const shares = range(publishers).map((index) =>
        ctx.messages.many(topic, share, 4, `publisher-${String(index)}`),
      );
      await Promise.all(
        shares.map((messages) => publishInBatches(ctx.transport, messages, Math.ceil(share / 5))),
      );
      const sent = shares.flat();
      await collector.waitForAll(sent, ctx.timeoutMs);

      expect(collector.unexpected(sent), 'deliveries of messages never published').toEqual([]);
      expect(collector.problems).toEqual([]);
      const perSubscriber = range(subscribers).map(
        (index) =>
          collector.deliveries.filter((d) => d.subscriber === `subscriber ${String(index)}`).length,
      );
      await ctx.note(
        `${formatCount(sent.length)} messages: ${formatCount(collector.duplicates())} redelivered; ` +
          `handler calls per subscriber: ${perSubscriber.map(formatCount).join(', ')}`,
      );
    },
  );

  cases.add('03 20 topics, one subscriber each: no message crosses topics', [], async (ctx) => {
    const lanes = range(20).map((index) => {
      const topic = ctx.topic(`topic-${String(index)}`);
      return {
        topic,
        sent: ctx.messages.many(topic, ctx.count(20), 4),
        collector: new Collector(`subscriber of ${topic}`),
      };
    });
    // One subscription may also name several topics.
    const [first, second] = lanes;
    if (first === undefined || second === undefined) throw new Error('unreachable: 20 lanes');
    const both = new Collector(`subscriber of ${first.topic} and ${second.topic}`);
    const bothOptions = { group: ctx.group('two-topics'), topics: [first.topic, second.topic] };
    // Subscribed all at once, as a service's consumers start: the groups join side by side.
    await Promise.all([
      ...lanes.map((lane, index) =>
        ctx.subscribe(
          ctx.transport,
          { group: ctx.group(`g-${String(index)}`), topics: [lane.topic] },
          lane.collector.handler('subscriber'),
        ),
      ),
      ctx.subscribe(ctx.transport, bothOptions, both.handler('subscriber')),
    ]);

    // Every batch mixes topics, so routing is per message, not per publish call.
    await publishInBatches(ctx.transport, interleave(lanes.map((lane) => lane.sent)), 40);
    await Promise.all(lanes.map((lane) => lane.collector.waitForAll(lane.sent, ctx.timeoutMs)));
    await both.waitForAll([...first.sent, ...second.sent], ctx.timeoutMs);
    await sleep(ctx.quietMs);

    const crossed = lanes.flatMap((lane) =>
      lane.collector.unexpected(lane.sent).map((d) => `${lane.topic}: ${d}`),
    );
    expect(crossed, 'messages handed to the subscriber of another topic').toEqual([]);
    expect(both.unexpected([...first.sent, ...second.sent]), 'two-topic subscriber').toEqual([]);
  });
}

/** A few messages with the edges of what a transport must carry unchanged. */
const unusual: Variation = ({ id, seq, key }) => {
  switch (id.slice(id.lastIndexOf('-') + 1)) {
    case '0':
      return { value: JSON.stringify({ id, seq, key, padding: 'x'.repeat(64 * 1024) }) };
    case '1':
      return { value: '' };
    case '2':
      return {
        headers: Object.fromEntries(range(30).map((n) => [`x-many-${String(n)}`, String(n)])),
      };
    case '3':
      return {
        headers: { 'x-empty': '', 'x-unicode': 'ünïcødé — 注文 🛒', 'x-spaces': '  a  b  ' },
      };
    case '4':
      return {
        value: `{"id":"${id}","seq":${String(seq)},"text":"line 1\\nline 2\\t\\"quoted\\" \\\\ é"}\n`,
      };
    default:
      return {};
  }
};

function differences(sent: TestMessage, { message }: Delivery): string[] {
  const problems: string[] = [];
  if (message.topic !== sent.topic)
    problems.push(`${sent.id}: topic '${sent.topic}' became '${message.topic}'`);
  if (message.key !== sent.key)
    problems.push(`${sent.id}: key '${sent.key}' became '${message.key}'`);
  if (message.value !== sent.value) {
    problems.push(
      `${sent.id}: value of ${String(sent.value.length)} chars became ${String(message.value.length)} chars`,
    );
  }
  const names = new Set([...Object.keys(sent.headers), ...Object.keys(message.headers)]);
  for (const name of names) {
    if (message.headers[name] !== sent.headers[name]) {
      problems.push(
        `${sent.id}: header ${name} ${JSON.stringify(sent.headers[name])} became ${JSON.stringify(message.headers[name])}`,
      );
    }
  }
  // The bytes under the text: what a dead letter stores must be what was sent.
  const raw = message.raw;
  const bodyText = raw.value === null ? null : utf8.decode(raw.value);
  const keyText = raw.key === null ? null : utf8.decode(raw.key);
  if (bodyText !== sent.value || keyText !== sent.key)
    problems.push(`${sent.id}: the raw key or value differ from what was sent`);
  // UTF-8 text without NUL is readable; only an empty body is not.
  if ((message.unreadable !== undefined) !== (sent.value === ''))
    problems.push(`${sent.id}: unreadable is ${JSON.stringify(message.unreadable)}`);
  if (message.deliveryAttempt !== 1)
    problems.push(
      `${sent.id}: deliveryAttempt ${String(message.deliveryAttempt)} on first delivery`,
    );
  if (!Number.isInteger(message.partition) || message.partition < 0)
    problems.push(`${sent.id}: partition ${String(message.partition)}`);
  if (typeof message.offset !== 'string' || message.offset === '')
    problems.push(`${sent.id}: offset '${String(message.offset)}'`);
  return problems;
}
