import { describe, it } from 'vitest';
import { KafkaMockCluster } from './kafka-mock-cluster.js';

export type KafkaMockProbe =
  { readonly ok: true } | { readonly ok: false; readonly reason: string };

let probe: Promise<KafkaMockProbe> | undefined;

/** Builds (if needed) and starts a one-broker cluster once, and stops it: can tests have one? */
export async function probeKafkaMock(): Promise<KafkaMockProbe> {
  try {
    const cluster = await KafkaMockCluster.start({ brokers: 1 });
    await cluster.stop();
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * A `describe` for tests that need the Kafka mock cluster (tools/kafka-mock, built from
 * librdkafka). When the helper cannot be built or run, the suite is skipped with the reason in
 * its name, except under CI=true (or 1), where that is a failure: CI must never pass by
 * skipping. The tests start their own clusters with KafkaMockCluster.start().
 */
export function describeWithKafkaMock(name: string, fn: () => void): void {
  describe(name, async () => {
    probe ??= probeKafkaMock();
    const result = await probe;
    if (result.ok) return fn();
    if (process.env.CI === 'true' || process.env.CI === '1') {
      it('needs the Kafka mock cluster', () => {
        throw new Error(
          `the Kafka mock cluster is not available (${result.reason}); CI requires it`,
        );
      });
      return;
    }
    describe.skip(`skipped: no Kafka mock cluster (${result.reason})`, fn);
  });
}
