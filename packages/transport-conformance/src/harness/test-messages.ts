import type { OutgoingMessage, ReceivedMessage, Transport } from '@eventmart/eventing';
import { batches, range } from './collections.js';

export const ID_HEADER = 'x-conformance-id';
export const SEQ_HEADER = 'x-conformance-seq';

/** A message the suite publishes: a unique id, and its position among its topic and key. */
export interface TestMessage extends OutgoingMessage {
  readonly id: string;
  /** 0, 1, 2... per topic and key, in the order the messages are created (and published). */
  readonly seq: number;
}

/** Lets a case give one message unusual headers or body; the id header is always kept. */
export type Variation = (message: { id: string; seq: number; key: string }) => {
  readonly headers?: Readonly<Record<string, string>>;
  readonly value?: string;
};

/** Creates the messages of one case: ids unique to the case, sequence numbers per key. */
export class MessageFactory {
  private created = 0;
  private readonly seqs = new Map<string, number>();

  constructor(private readonly idPrefix: string) {}

  one(topic: string, key: string, variation?: Variation): TestMessage {
    const id = `${this.idPrefix}-${String(this.created)}`;
    this.created += 1;
    const seqKey = `${topic}\u0000${key}`;
    const seq = this.seqs.get(seqKey) ?? 0;
    this.seqs.set(seqKey, seq + 1);
    const varied = variation?.({ id, seq, key }) ?? {};
    return {
      id,
      seq,
      topic,
      key,
      headers: {
        'content-type': 'application/json',
        ...varied.headers,
        [ID_HEADER]: id,
        [SEQ_HEADER]: String(seq),
      },
      value: varied.value ?? JSON.stringify({ id, seq, key, note: 'commande n° 42 — 注文 🛒' }),
    };
  }

  /** `count` messages on `topic`, keys `${keyPrefix}-0` ... round-robin over `keys` keys. */
  many(
    topic: string,
    count: number,
    keys: number,
    keyPrefix = 'key',
    variation?: Variation,
  ): TestMessage[] {
    return range(count).map((index) =>
      this.one(topic, `${keyPrefix}-${String(index % keys)}`, variation),
    );
  }
}

/** Only the fields of the port: what a transport is given. */
export function toOutgoing({ topic, key, headers, value }: TestMessage): OutgoingMessage {
  return { topic, key, headers, value };
}

/** Publishes in order, one batch after the other. */
export async function publishInBatches(
  transport: Transport,
  messages: readonly TestMessage[],
  batchSize: number,
): Promise<void> {
  for (const batch of batches(messages, batchSize)) await transport.publish(batch.map(toOutgoing));
}

/** The id and sequence number of a received message: from its headers, else from its body. */
export function identify(message: ReceivedMessage): { id: string; seq: number } | undefined {
  const id = message.headers[ID_HEADER];
  const seq = Number(message.headers[SEQ_HEADER]);
  if (id !== undefined && Number.isInteger(seq)) return { id, seq };
  try {
    const body = JSON.parse(message.value) as { id?: unknown; seq?: unknown };
    if (typeof body.id === 'string' && typeof body.seq === 'number')
      return { id: body.id, seq: body.seq };
  } catch {
    // not a body this suite wrote
  }
  return undefined;
}
