import type { KafkaMockCluster } from '@eventmart/transport-kafka/kafka-mock';
import type { Random } from '../random.js';
import { MOCK_BROKERS } from '../system/kafka-mock.js';
import type { FaultLog } from './fault-log.js';

/**
 * One broker of the mock cluster down for a few seconds, then back: its connections close and
 * new ones are refused, while it stays the leader of its partitions, so producing to and
 * fetching from those partitions fails until it is back.
 */
export function brokerOutage(cluster: KafkaMockCluster, random: Random, log: FaultLog) {
  return async (): Promise<void> => {
    const broker = random.int(1, MOCK_BROKERS);
    const downMs = random.int(2_000, 5_000);
    log.record('broker', `broker ${String(broker)} down for ${(downMs / 1000).toFixed(1)} s`);
    await cluster.brokerDown(broker);
    try {
      await new Promise((resolve) => setTimeout(resolve, downMs));
    } finally {
      await cluster.brokerUp(broker);
    }
    log.note(`broker ${String(broker)} up again`);
  };
}
