/**
 * Faults a consumer injects into its own handlers, for chaos runs (docs/chaos.md): never set
 * in production. An injected failure is thrown inside the handler's transaction before the
 * handler runs, so it rolls back like any transient error and takes the normal retry path.
 */
export interface FaultInjection {
  /** Probability (0 to 1) that a handler try fails. */
  readonly handlerErrorRate: number;
  /** The seed of `random` (EVENTMART_FAULT_SEED), so that a run's faults can be replayed. */
  readonly seed: number;
  /** The draws, in [0, 1): `faultDraws(seed, stream)`. */
  readonly random: () => number;
}

/** The error an injected handler fault throws: transient, so it is retried. */
export class InjectedFault extends Error {
  override readonly name = 'InjectedFault';
}

/**
 * The draws of one seed (mulberry32, a 32-bit generator: plenty for spreading faults, not for
 * anything secret). `stream` (a service's name) gives each process that shares a seed a
 * sequence of its own, still fixed by the seed: the same seed and stream, the same faults.
 */
export function faultDraws(seed: number, stream = ''): () => number {
  // FNV-1a over the stream's name, started from the seed.
  let state = (seed ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < stream.length; i += 1)
    state = Math.imul(state ^ stream.charCodeAt(i), 0x01000193) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Throws an InjectedFault with the configured probability; does nothing without faults. */
export function maybeInjectFault(faults: FaultInjection | undefined, where: string): void {
  if (faults === undefined || faults.handlerErrorRate <= 0) return;
  if (faults.random() < faults.handlerErrorRate)
    throw new InjectedFault(`injected fault in ${where}`);
}
