export interface BackoffOptions {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly factor?: number;
  /** 'full' picks uniformly in [0, delay]; 'equal' in [delay/2, delay]; 'none' is exact. */
  readonly jitter?: 'full' | 'equal' | 'none';
}

/** The delay before retry number `attempt` (1-based): exponential, capped, with jitter. */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const factor = options.factor ?? 2;
  const exact = Math.min(options.maxMs, options.initialMs * factor ** Math.max(0, attempt - 1));
  switch (options.jitter ?? 'equal') {
    case 'none':
      return exact;
    case 'full':
      return Math.round(exact * random());
    case 'equal':
      return Math.round(exact / 2 + (exact / 2) * random());
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted === true) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
