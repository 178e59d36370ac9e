import type { FailedMessage } from '@eventmart/contracts';

/** A failure record's message as the contract carries it, for dead letters and parked events alike. */
export function toFailedMessage(
  headers: Readonly<Record<string, string>>,
  payload: string,
  errorStack: string | null,
): FailedMessage {
  return { headers: { ...headers }, payload, errorStack };
}
