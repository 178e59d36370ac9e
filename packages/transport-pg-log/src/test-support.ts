import type { MessageHandler, ReceivedMessage } from '@eventmart/eventing';

/** Resolves once `condition` holds; fails with `what` after timeoutMs. For tests. */
export async function waitUntil(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await pause(10);
  }
}

export const pause = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** A handler that records what it acknowledges; `react` can reject or delay a message first. */
export function recorder(react?: (message: ReceivedMessage) => Promise<void> | void): {
  readonly received: ReceivedMessage[];
  readonly values: () => string[];
  readonly handler: MessageHandler;
} {
  const received: ReceivedMessage[] = [];
  return {
    received,
    values: () => received.map((message) => message.value),
    handler: async (message) => {
      await react?.(message);
      received.push(message);
    },
  };
}

/** Values per key, in the order they were acknowledged. */
export function byKey(messages: readonly ReceivedMessage[]): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const message of messages)
    keys.set(message.key, [...(keys.get(message.key) ?? []), message.value]);
  return keys;
}
