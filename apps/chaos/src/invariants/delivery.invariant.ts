import type { Books } from '../books/books.js';
import { POISON_REASON } from '../faults/poison-message.js';
import { Verdict, type InvariantResult, type RunFacts } from './invariant.js';

/** Every row a service committed to its outbox was sent by its relay. */
export function outboxDelivered(books: Books): InvariantResult {
  const verdict = new Verdict('every committed outbox row was sent');
  for (const event of books.events) {
    verdict.count('outbox rows');
    verdict.count(event.sent ? 'sent' : 'unsent');
    verdict.expect(event.sent, () => `${event.service} ${event.type} ${event.eventId} never sent`);
  }
  return verdict.result();
}

const difference = <T>(a: ReadonlySet<T>, b: ReadonlySet<T>): T[] =>
  [...a].filter((x) => !b.has(x));

/**
 * Per consumer: what it dealt with (inbox rows, processed or dead-lettered, and the dead letters
 * of messages too broken to have an event id) is exactly what it consumed: the events of its
 * handler's type in every outbox, plus the poison injected on its topics. A handler keys its
 * own inbox (`service.handler`); poison refused before any handler runs is the service's.
 */
export function eachEventHandledOnce(books: Books, facts: RunFacts): InvariantResult {
  const verdict = new Verdict('per consumer: processed + dead-lettered = consumed');
  const genuine = new Map<string, Set<string>>();
  for (const event of books.events) {
    genuine.set(event.type, (genuine.get(event.type) ?? new Set()).add(event.eventId));
  }
  const handled = new Map<string, Set<string>>();
  for (const row of books.inbox) {
    handled.set(row.consumer, (handled.get(row.consumer) ?? new Set()).add(row.eventId));
    verdict.count(row.status === 'processed' ? 'processed' : 'dead-lettered (inbox)');
  }
  const refused = new Map<string, Set<string>>();
  for (const letter of books.deadLetters) {
    if (letter.messageId === null) continue;
    refused.set(letter.consumer, (refused.get(letter.consumer) ?? new Set()).add(letter.messageId));
  }
  const compare = (consumer: string, consumed: Set<string>, dealt: Set<string>) => {
    verdict.count('consumers');
    verdict.count('consumed', consumed.size);
    const missing = difference(consumed, dealt);
    const extra = difference(dealt, consumed);
    verdict.expect(
      missing.length === 0,
      () =>
        `${consumer}: ${String(missing.length)} consumed events never handled, e.g. ${String(missing[0])}`,
    );
    verdict.expect(
      extra.length === 0,
      () =>
        `${consumer}: handled ${String(extra.length)} events never published, e.g. ${String(extra[0])}`,
    );
  };
  for (const handler of facts.handlers) {
    const consumed = new Set(genuine.get(handler.type));
    for (const poison of facts.poisons)
      if (poison.kind === 'invalid-data' && poison.topic === handler.topic) consumed.add(poison.id);
    compare(handler.consumer, consumed, handled.get(handler.consumer) ?? new Set());
  }
  const services = new Set(facts.handlers.map((handler) => handler.service));
  for (const service of services) {
    const topics = new Set(facts.handlers.filter((h) => h.service === service).map((h) => h.topic));
    const consumed = new Set(
      facts.poisons
        .filter((poison) => poison.kind !== 'invalid-data' && topics.has(poison.topic))
        .map((poison) => poison.id),
    );
    compare(`${service} (before any handler)`, consumed, refused.get(service) ?? new Set());
  }
  return verdict.result();
}

/**
 * Every poison message ends in the dead letters of every service that reads its topic (of
 * every handler of its type, for data its schema refuses), with the reason its kind calls
 * for; no event a service published is dead-lettered, and nothing else is.
 */
export function poisonDeadLettered(books: Books, facts: RunFacts): InvariantResult {
  const verdict = new Verdict('poison dead-lettered with its reason; no genuine event');
  const genuine = new Set(books.events.map((event) => event.eventId));
  const poisons = new Set(facts.poisons.map((poison) => poison.id));
  const letters = new Map<string, string[]>();
  for (const letter of books.deadLetters) {
    verdict.count('dead letters');
    const id = letter.messageId ?? letter.eventId ?? '';
    if (genuine.has(id)) {
      verdict.count('genuine events dead-lettered');
      verdict.fail(
        `${letter.consumer} dead-lettered ${String(letter.eventType)} ${id}: ${letter.reason}`,
      );
    } else if (!poisons.has(id)) {
      verdict.fail(
        `${letter.consumer}: a dead letter (${letter.reason}) of nothing injected: ${id}`,
      );
    }
    const key = `${letter.consumer} ${id}`;
    letters.set(key, [...(letters.get(key) ?? []), letter.reason]);
  }
  for (const poison of facts.poisons) {
    verdict.count(`poison: ${poison.kind}`);
    const readers = facts.handlers.filter((handler) => handler.topic === poison.topic);
    const consumers =
      poison.kind === 'invalid-data'
        ? readers.map((handler) => handler.consumer)
        : [...new Set(readers.map((handler) => handler.service))];
    for (const consumer of consumers) {
      verdict.count('poison dead letters expected');
      const reasons = letters.get(`${consumer} ${poison.id}`) ?? [];
      const wanted = POISON_REASON[poison.kind];
      verdict.expect(
        reasons.length > 0,
        () => `${poison.kind} ${poison.id} on ${poison.topic}: no dead letter at ${consumer}`,
      );
      verdict.expect(
        reasons.every((reason) => reason === wanted),
        () =>
          `${poison.kind} ${poison.id} at ${consumer}: ${reasons.join(', ')}, expected ${wanted}`,
      );
      if (reasons.length > 1)
        verdict.count('redelivered poison dead-lettered again', reasons.length - 1);
    }
  }
  return verdict.result();
}
