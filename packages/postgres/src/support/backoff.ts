/** The wait before reconnect attempt `attempt` (1-based): doubling, capped, half of it random. */
export function reconnectDelay(
  attempt: number,
  { initialMs, maxMs }: { initialMs: number; maxMs: number },
  random: () => number = Math.random,
): number {
  const exact = Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exact / 2 + (exact / 2) * random());
}

/** Resolves after ms, or as soon as the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
