/**
 * Faults a consumer injects into its own handlers, for chaos runs (docs/chaos.md): never set
 * in production. An injected failure is thrown inside the handler's transaction before the
 * handler runs, so it rolls back like any transient error and takes the normal retry path.
 */
export interface FaultInjection {
  /** Probability (0 to 1) that a handler try fails. */
  readonly handlerErrorRate: number;
  /** Default Math.random. */
  readonly random?: () => number;
}

/** The error an injected handler fault throws: transient, so it is retried. */
export class InjectedFault extends Error {
  override readonly name = 'InjectedFault';
}

/** Throws an InjectedFault with the configured probability; does nothing without faults. */
export function maybeInjectFault(faults: FaultInjection | undefined, where: string): void {
  if (faults === undefined || faults.handlerErrorRate <= 0) return;
  const random = faults.random ?? Math.random;
  if (random() < faults.handlerErrorRate) throw new InjectedFault(`injected fault in ${where}`);
}
