import type { OutgoingMessage, ReceivedMessage } from './message.js';

/**
 * What a transport declares it can do; the conformance suite adapts its cases to it.
 */
export interface TransportCapabilities {
  /** Members of one group share the messages; separate groups each get every message. */
  readonly consumerGroups: boolean;
  /** Messages with the same key are delivered in publish order, one at a time. */
  readonly perKeyOrder: boolean;
  /** Published messages survive the transport being closed and reopened. */
  readonly persistent: boolean;
}

export interface SubscribeOptions {
  /** Consumer group: the position in each topic is kept per group. */
  readonly group: string;
  readonly topics: readonly string[];
  /** Where a group with no stored position starts. Default 'earliest'. */
  readonly startFrom?: 'earliest' | 'latest';
  /** Most handler calls in flight at once, across keys. Default 16. */
  readonly maxInFlight?: number;
}

/**
 * Called once per delivered message. Resolving acknowledges the message: it is not delivered
 * to this group again (except after a crash before the position was stored: at-least-once).
 * Rejecting leaves it unacknowledged: it is delivered again after a delay, and no later
 * message with the same key reaches this group before it is acknowledged.
 */
export type MessageHandler = (message: ReceivedMessage) => Promise<void>;

export interface Subscription {
  /**
   * Stops fetching, lets handlers in flight finish, stores the position of what was
   * acknowledged and leaves the group. Nothing unacknowledged is treated as done.
   * Safe to call more than once.
   */
  close(): Promise<void>;
}

/**
 * The port every transport implements (Postgres event log, Kafka, in-memory).
 * All methods are safe to call concurrently.
 */
export interface Transport {
  readonly name: string;
  readonly capabilities: TransportCapabilities;

  /**
   * Stores the messages durably. Resolves only when every message is accepted; if it rejects,
   * some may have been accepted, and the caller retries the batch (duplicates, never losses).
   * Messages with the same topic and key are stored in the order given.
   */
  publish(messages: readonly OutgoingMessage[]): Promise<void>;

  /** Joins the consumer group and starts delivering to the handler; see MessageHandler. */
  subscribe(options: SubscribeOptions, handler: MessageHandler): Promise<Subscription>;

  /**
   * Closes every subscription (as Subscription.close) and waits for publishes in flight.
   * After close, publish and subscribe reject.
   */
  close(): Promise<void>;
}
