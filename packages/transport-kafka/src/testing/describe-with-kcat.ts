import { spawnSync } from 'node:child_process';
import { describe, it } from 'vitest';
import { describeWithKafkaMock } from './describe-with-kafka-mock.js';

let missing: string | null | undefined;

/** Why `kcat` cannot run here, or null when `kcat -V` works. */
export function kcatMissing(): string | null {
  if (missing !== undefined) return missing;
  const run = spawnSync('kcat', ['-V'], { stdio: 'ignore' });
  if (run.error !== undefined) missing = run.error.message;
  else missing = run.status === 0 ? null : `kcat -V exited ${String(run.status)}`;
  return missing;
}

/**
 * describeWithKafkaMock for tests that also produce with kcat (a librdkafka client, for what
 * kafkajs cannot send). Without kcat the suite is skipped with the reason, except under
 * CI=true (or 1), where that is a failure (.ci/run installs kcat).
 */
export function describeWithKcat(name: string, fn: () => void): void {
  const reason = kcatMissing();
  if (reason === null) return describeWithKafkaMock(name, fn);
  if (process.env.CI === 'true' || process.env.CI === '1') {
    describe(name, () => {
      it('needs kcat', () => {
        throw new Error(`kcat is not available (${reason}); CI requires it`);
      });
    });
    return;
  }
  describe.skip(`${name}: skipped, no kcat (${reason})`, fn);
}
