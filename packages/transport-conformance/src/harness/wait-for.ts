/**
 * Polls `predicate` until it holds. On timeout the error carries `describeFailure()`, which
 * must say what is missing ("received 4,980 of 5,000; missing ids: ..."), not just "timeout".
 */
export async function waitFor(
  predicate: () => boolean,
  timeoutMs: number,
  describeFailure: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let interval = 1;
  while (!predicate()) {
    if (Date.now() >= deadline) {
      throw new Error(`still waiting after ${String(timeoutMs)} ms: ${describeFailure()}`);
    }
    await sleep(interval);
    interval = Math.min(interval * 2, 50);
  }
}

/**
 * Lets time pass. Cases use it only to watch for something that must NOT happen (a late
 * redelivery, a close() that resolves too early); anything expected is awaited with waitFor.
 */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Fails with `what` if `promise` takes longer than `timeoutMs`, so a hang names its cause. */
export async function withTimeout<T>(
  promise: Promise<T>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`${what} did not finish within ${String(timeoutMs)} ms`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
