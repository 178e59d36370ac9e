import type { Transport } from '@eventmart/eventing';
import type { Random } from '../random.js';
import type { ServiceHandler } from '../settle/service-handlers.js';
import type { ChaosSystem } from '../system/chaos-system.js';
import { brokerOutage } from './broker-outage.fault.js';
import { DuplicateDelivery } from './duplicate-delivery.fault.js';
import type { FaultKind, FaultLog } from './fault-log.js';
import { FaultLoop, type FaultTiming } from './fault-loop.js';
import { killService } from './kill-service.fault.js';
import { PoisonInjection } from './poison-injection.fault.js';
import { terminateConnections } from './terminate-connections.fault.js';

/**
 * When each fault strikes while orders flow: the first of each early (so a short run sees
 * every fault, a kill in the middle of the first orders), then again and again, staggered.
 */
export const FAULT_TIMING: Readonly<Record<Exclude<FaultKind, 'handler-errors'>, FaultTiming>> = {
  kill: { firstAfterMs: 6_000, everyMs: 25_000 },
  broker: { firstAfterMs: 12_000, everyMs: 25_000 },
  'pg-terminate': { firstAfterMs: 4_000, everyMs: 12_000 },
  duplicates: { firstAfterMs: 2_000, everyMs: 3_000 },
  poison: { firstAfterMs: 1_000, everyMs: 2_500 },
};

export interface RunningFaults {
  readonly duplicates: DuplicateDelivery | undefined;
  readonly poison: PoisonInjection | undefined;
  /** Stops every loop, letting injections in flight finish (a killed service serves again). */
  stop(): Promise<void>;
}

/**
 * Starts a loop for each fault the run has. Each loop and each fault draws from its own
 * stream of `random` (their draws interleave as the machine's timing decides), so a seed
 * gives every fault the same targets and waits again.
 */
export function startFaults(
  faults: ReadonlySet<FaultKind>,
  system: ChaosSystem,
  transport: Transport | undefined,
  handlers: readonly ServiceHandler[],
  random: Random,
  log: FaultLog,
): RunningFaults {
  const { shop, cluster } = system;
  const loops: FaultLoop[] = [];
  const loop = (kind: Exclude<FaultKind, 'handler-errors'>, inject: () => Promise<void>) =>
    loops.push(
      new FaultLoop(kind, inject, FAULT_TIMING[kind], random.derive(`${kind} timing`), log),
    );
  if (faults.has('kill')) loop('kill', killService(shop, random.derive('kill'), log));
  if (faults.has('broker') && cluster !== undefined)
    loop('broker', brokerOutage(cluster, random.derive('broker'), log));
  if (faults.has('pg-terminate'))
    loop('pg-terminate', terminateConnections(shop.database, system.database.name, log));
  let duplicates: DuplicateDelivery | undefined;
  let poison: PoisonInjection | undefined;
  if (transport !== undefined && faults.has('duplicates')) {
    const sweeper = new DuplicateDelivery(shop.database, transport, log);
    loop('duplicates', async () => void (await sweeper.sweep()));
    duplicates = sweeper;
  }
  if (transport !== undefined && faults.has('poison')) {
    const targets = [
      ...new Map(handlers.map((h) => [h.topic, { topic: h.topic, eventType: h.type }])).values(),
    ];
    poison = new PoisonInjection(transport, targets, random.derive('poison'), log);
    loop('poison', poison.inject);
  }
  for (const each of loops) each.start();
  return {
    duplicates,
    poison,
    stop: async () => {
      await Promise.all(loops.map((each) => each.stop()));
    },
  };
}
