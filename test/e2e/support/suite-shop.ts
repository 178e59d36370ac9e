import { afterAll, beforeAll } from 'vitest';

/** What stopping a shop may take: SIGTERM, the drain, SIGKILL after 15 s, the mock cluster. */
const STOP_TIMEOUT_MS = 60_000;

/**
 * Starts a shop in `beforeAll` and stops it in `afterAll`; the returned function gives the
 * running shop to the tests.
 *
 * `startTimeoutMs` bounds the hook and must exceed whatever bound the start keeps itself
 * (the distributed shop waits up to two minutes for each process): then a slow start fails
 * with the harness's own error, naming the process and its last lines, instead of a bare hook
 * timeout. And `afterAll` waits for the start, not for what the hook saw: Vitest gives up on
 * a hook that outlives its timeout but not on the promise, so a shop that finished starting
 * after that would run on, unstopped, into the next suite and the next file.
 */
export function shopPerSuite<T extends { stop(): Promise<void> }>(
  start: () => Promise<T>,
  startTimeoutMs?: number,
): () => T {
  let starting: Promise<T> | undefined;
  let shop: T | undefined;
  beforeAll(async () => {
    starting = start();
    shop = await starting;
  }, startTimeoutMs);
  afterAll(
    async () => {
      // A start that failed reported its error in beforeAll; it left nothing to stop.
      const started = await starting?.catch(() => undefined);
      await started?.stop();
    },
    (startTimeoutMs ?? 60_000) + STOP_TIMEOUT_MS,
  );
  return () => {
    if (shop === undefined) throw new Error('the shop did not start');
    return shop;
  };
}
