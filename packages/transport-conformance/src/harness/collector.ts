import type { MessageHandler, ReceivedMessage } from '@eventmart/eventing';
import { formatCount } from './collections.js';
import { identify, type TestMessage } from './test-messages.js';
import { waitFor } from './wait-for.js';

/** One handler call. `startedAt` and `settledAt` are ticks of the collector's clock. */
export interface Delivery {
  readonly subscriber: string;
  /** '' when the message carries neither id header nor a body this suite wrote. */
  readonly id: string;
  readonly seq: number;
  readonly message: ReceivedMessage;
  readonly startedAt: number;
  settledAt: number | undefined;
  outcome: 'running' | 'acknowledged' | 'rejected';
}

/** What a case's handler does besides recording; throwing or rejecting rejects the message. */
export type Behaviour = (delivery: Delivery) => Promise<void> | void;

const SHOWN = 10;

/**
 * Records every handler call of one consumer group (all its subscribers), and answers what a
 * case asks: what is missing, what arrived twice, whether each key kept its order.
 */
export class Collector {
  readonly deliveries: Delivery[] = [];
  /** Contract violations seen while handling (a delivery after close() resolved...). */
  readonly problems: string[] = [];
  private clock = 0;
  private readonly byId = new Map<string, Delivery[]>();
  private readonly acknowledgedIds = new Set<string>();
  private readonly running = new Map<string, number>();
  private readonly peaks = new Map<string, number>();
  private readonly closed = new Set<string>();

  constructor(private readonly label: string) {}

  /** The handler to subscribe with; `subscriber` names it in reports. */
  handler(subscriber: string, behaviour?: Behaviour): MessageHandler {
    return async (message) => {
      const identity = identify(message);
      const delivery: Delivery = {
        subscriber,
        id: identity?.id ?? '',
        seq: identity?.seq ?? -1,
        message,
        startedAt: this.tick(),
        settledAt: undefined,
        outcome: 'running',
      };
      if (this.closed.has(subscriber)) {
        this.problems.push(
          `${subscriber} was handed ${describeDelivery(delivery)} after its close() resolved`,
        );
      }
      this.deliveries.push(delivery);
      this.byId.set(delivery.id, [...(this.byId.get(delivery.id) ?? []), delivery]);
      const running = (this.running.get(subscriber) ?? 0) + 1;
      this.running.set(subscriber, running);
      this.peaks.set(subscriber, Math.max(running, this.peaks.get(subscriber) ?? 0));
      try {
        await behaviour?.(delivery);
        delivery.outcome = 'acknowledged';
        this.acknowledgedIds.add(delivery.id);
      } catch (error) {
        delivery.outcome = 'rejected';
        throw error;
      } finally {
        delivery.settledAt = this.tick();
        this.running.set(subscriber, (this.running.get(subscriber) ?? 1) - 1);
      }
    };
  }

  /** To call once `subscriber`'s close() resolved: nothing may run or arrive for it after. */
  markClosed(subscriber: string): void {
    this.closed.add(subscriber);
    const running = this.inFlight(subscriber);
    if (running > 0) {
      this.problems.push(
        `${subscriber}'s close() resolved while ${String(running)} of its handler calls were running`,
      );
    }
  }

  inFlight(subscriber: string): number {
    return this.running.get(subscriber) ?? 0;
  }

  peakInFlight(subscriber: string): number {
    return this.peaks.get(subscriber) ?? 0;
  }

  deliveriesOf(id: string): readonly Delivery[] {
    return this.byId.get(id) ?? [];
  }

  isAcknowledged(id: string): boolean {
    return this.acknowledgedIds.has(id);
  }

  /** Distinct messages acknowledged at least once. */
  acknowledgedCount(): number {
    return this.acknowledgedIds.size;
  }

  /** Acknowledgements beyond the first, summed over messages: the at-least-once redeliveries. */
  duplicates(): number {
    let acknowledgements = 0;
    for (const delivery of this.deliveries)
      if (delivery.outcome === 'acknowledged') acknowledgements += 1;
    return acknowledgements - this.acknowledgedIds.size;
  }

  missing(expected: readonly TestMessage[]): TestMessage[] {
    return expected.filter((message) => !this.acknowledgedIds.has(message.id));
  }

  /** Deliveries of messages this group should never have seen (another topic, or unknown). */
  unexpected(expected: readonly TestMessage[]): string[] {
    const ids = new Set(expected.map((message) => message.id));
    return this.deliveries.filter((delivery) => !ids.has(delivery.id)).map(describeDelivery);
  }

  async waitForAll(expected: readonly TestMessage[], timeoutMs: number, what = ''): Promise<void> {
    await waitFor(
      () => expected.every((message) => this.acknowledgedIds.has(message.id)),
      timeoutMs,
      () => {
        const missing = this.missing(expected);
        const shown = missing
          .slice(0, SHOWN)
          .map((message) => `${message.id} (key ${message.key})`);
        return (
          `${this.label}${what === '' ? '' : ` (${what})`}: received ` +
          `${formatCount(expected.length - missing.length)} of ${formatCount(expected.length)}; ` +
          `missing ids: ${shown.join(', ')}${missing.length > SHOWN ? ', ...' : ''}`
        );
      },
    );
  }

  /**
   * Replays the handler calls in time order and reports, per topic and key of `expected`:
   * a message handed out before every earlier one of its key was acknowledged at least once,
   * and two messages of one key running at once. A repeat of an acknowledged message
   * (at-least-once) is no violation. Published order is `seq` order.
   */
  keyOrderProblems(expected: readonly TestMessage[]): string[] {
    const ids = new Set(expected.map((message) => message.id));
    const events = this.deliveries
      .filter((delivery) => ids.has(delivery.id))
      .flatMap((delivery) => [
        { at: delivery.startedAt, start: true, delivery },
        ...(delivery.outcome === 'running'
          ? []
          : [{ at: delivery.settledAt ?? 0, start: false, delivery }]),
      ])
      .sort((a, b) => a.at - b.at);
    const keys = new Map<
      string,
      { next: number; acknowledged: Set<number>; running: Delivery[] }
    >();
    const problems: string[] = [];
    for (const { start, delivery } of events) {
      const scope = `${delivery.message.topic} / ${delivery.message.key}`;
      let key = keys.get(scope);
      if (key === undefined) {
        key = { next: 0, acknowledged: new Set(), running: [] };
        keys.set(scope, key);
      }
      if (start) {
        const other = key.running[0];
        if (other !== undefined) {
          problems.push(
            `key ${scope}: seq ${String(delivery.seq)} ran while seq ${String(other.seq)} was running`,
          );
        }
        if (delivery.seq > key.next) {
          problems.push(
            `key ${scope}: seq ${String(delivery.seq)} was handed out before seq ` +
              `${String(key.next)} was acknowledged`,
          );
        }
        key.running.push(delivery);
      } else {
        key.running = key.running.filter((running) => running !== delivery);
        if (delivery.outcome === 'acknowledged') key.acknowledged.add(delivery.seq);
        while (key.acknowledged.has(key.next)) key.next += 1;
      }
    }
    return problems.length > SHOWN
      ? [...problems.slice(0, SHOWN), `... ${String(problems.length - SHOWN)} more`]
      : problems;
  }

  private tick(): number {
    this.clock += 1;
    return this.clock;
  }
}

function describeDelivery(delivery: Delivery): string {
  const { topic, key, partition, offset } = delivery.message;
  const id = delivery.id === '' ? 'an unrecognized message' : delivery.id;
  return `${id} (topic ${topic}, key ${key}, partition ${String(partition)}, offset ${offset})`;
}
