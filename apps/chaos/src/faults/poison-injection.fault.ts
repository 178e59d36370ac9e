import type { Transport } from '@eventmart/eventing';
import type { Random } from '../random.js';
import type { FaultLog } from './fault-log.js';
import { POISON_KINDS, poisonMessage, type Poison } from './poison-message.js';

/** A topic that some service reads, and the one event type on it. */
export interface PoisonTarget {
  readonly topic: string;
  readonly eventType: string;
}

/**
 * Publishes poison messages on live topics through the shop's transport, one per injection,
 * the kinds in turn and the topic at random among those some service reads. Keeps every
 * poison, to check where each ended.
 */
export class PoisonInjection {
  readonly injected: Poison[] = [];

  constructor(
    private readonly transport: Transport,
    private readonly targets: readonly PoisonTarget[],
    private readonly random: Random,
    private readonly log: FaultLog,
  ) {}

  readonly inject = async (): Promise<void> => {
    const kind = POISON_KINDS[this.injected.length % POISON_KINDS.length] ?? 'malformed-json';
    const target = this.random.pick(this.targets);
    const poison = poisonMessage(kind, target.topic, target.eventType);
    // Kept before publishing: a publish that fails may still have reached the topic.
    this.injected.push(poison);
    this.log.record('poison', `${kind} on ${target.topic} (ce_id ${poison.id})`);
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.transport.publish([poison.message]);
        return;
      } catch (error) {
        if (attempt >= 10) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      }
    }
  };

  /** How many poison messages went to each topic. */
  perTopic(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const poison of this.injected) counts[poison.topic] = (counts[poison.topic] ?? 0) + 1;
    return counts;
  }
}
