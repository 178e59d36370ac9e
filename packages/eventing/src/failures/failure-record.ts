import type { ReceivedMessage } from '../transport/message.js';

/**
 * What dead letters and parked events both store about a message a consumer failed on: who
 * failed, the message as it was delivered (its position and its exact bytes, `message.raw`),
 * what is known of the event, and how often it was tried. storeDeadLetter() and park() each
 * take one, with what is their own added.
 */
export interface FailureRecord {
  /** `<service>.<handler>`, or the service alone when no handler was reached. */
  readonly consumer: string;
  readonly message: ReceivedMessage;
  readonly eventId?: string | undefined;
  readonly eventType?: string | undefined;
  readonly attempts: number;
}
