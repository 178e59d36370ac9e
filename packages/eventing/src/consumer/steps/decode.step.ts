import type { Envelope } from '@eventmart/contracts';
import { decodeEnvelope } from '../../envelope/cloudevents-codec.js';
import type { ReceivedMessage } from '../../transport/message.js';
import type { DeadLetterSink } from './pipeline.js';

export type DecodedNext = (envelope: Envelope, message: ReceivedMessage) => Promise<void>;

/**
 * The first step: reads the CloudEvents envelope. A message without one (not JSON, missing or
 * wrong `ce_*` headers) is dead-lettered under the service's name, with no handler: no
 * handler could ever take it, and retrying cannot change its bytes.
 */
export function decodeStep(
  service: string,
  deadLetter: DeadLetterSink,
  next: DecodedNext,
): (message: ReceivedMessage) => Promise<void> {
  return async (message) => {
    const decoded = decodeEnvelope(message);
    if (decoded.ok) return next(decoded.envelope, message);
    await deadLetter({
      consumer: service,
      handler: null,
      reason: decoded.reason,
      message,
      error: decoded.error,
      attempts: 1,
    });
  };
}
