export type Timed<T> =
  | { readonly timedOut: false; readonly value: T }
  | { readonly timedOut: true; readonly afterMs: number };

/**
 * Waits for `work` at most `ms`. A late answer is dropped (a late rejection too, so it is
 * never reported as unhandled); the timer never outlives the wait.
 */
export async function withTimeout<T>(work: Promise<T>, ms: number): Promise<Timed<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Timed<T>>((resolve) => {
    timer = setTimeout(() => resolve({ timedOut: true, afterMs: ms }), ms);
  });
  work.catch(() => undefined);
  try {
    return await Promise.race([
      work.then((value): Timed<T> => ({ timedOut: false, value })),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
