import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWriteStream } from 'node:fs';
import { FAULT_KINDS, renderReport, runChaos } from '@eventmart/chaos';
import { describeWithPostgres, pgTestUrl } from '@eventmart/testing';
import { describeWithKafkaMock } from '@eventmart/transport-kafka/testing';
import { expect, it } from 'vitest';

const ORDERS = 500;
/**
 * Each seed plans other orders and strikes other targets at other times: two of them cover
 * more interleavings than one, and each is its own test so that a failure names its seed
 * (`npm run chaos -- --orders 500 --seed <seed>` replays its plan). About 100 s each.
 */
const SEEDS = [2026, 7331];
/** The run's own bounds: startup (two minutes at most), load, recovery (150 s), the report. */
const RUN_TIMEOUT_MS = 360_000;

// The chaos run of docs/chaos.md, as `npm run chaos -- --orders 500` does it: distributed mode
// on the real PostgreSQL and a mock Kafka cluster of three brokers, every fault on (SIGKILL of
// services in the middle of the orders, a broker down, connections terminated, every event
// delivered twice, poison on live topics, handler errors), and every invariant must hold.
describeWithPostgres('chaos run, on the real PostgreSQL', () => {
  describeWithKafkaMock('and a mock Kafka cluster of three brokers', () => {
    it.each(SEEDS)(
      `places ${String(ORDERS)} orders under every fault with seed %i, and every invariant holds`,
      async (seed) => {
        const logFile = join(
          tmpdir(),
          `eventmart-chaos-test-${String(seed)}-${String(Date.now())}.log`,
        );
        const log = createWriteStream(logFile);
        const lines: string[] = [];
        const report = await runChaos(
          {
            orders: ORDERS,
            transport: 'kafka',
            seed,
            keep: false,
            concurrency: 8,
            faults: new Set(FAULT_KINDS),
            handlerErrorRate: 0.2,
            recoveryMs: 150_000,
            serverUrl: pgTestUrl(),
          },
          { say: (line) => lines.push(line), processOutput: (line) => log.write(`${line}\n`) },
        ).finally(() => log.end());
        const rendered = renderReport(report);
        console.info(`${rendered}\n(the processes' output: ${logFile})`);

        const failed = report.invariants.filter((invariant) => !invariant.ok);
        expect(
          failed.map((invariant) => invariant.name),
          rendered,
        ).toEqual([]);
        expect(report.faults.problems, lines.join('\n')).toEqual([]);
        expect(report.orders.total).toBeGreaterThanOrEqual(ORDERS);
        // The run did what it says: every fault struck, a service was killed mid-batch.
        for (const kind of FAULT_KINDS)
          expect(report.faults.totals[kind].injections, kind).toBeGreaterThan(0);
        const firstKill = report.faults.log.find((entry) => entry.fault === 'kill');
        expect(firstKill?.elapsedMs).toBeLessThan(report.elapsedMs.startup + report.elapsedMs.load);
        expect(report.ok).toBe(true);
      },
      RUN_TIMEOUT_MS,
    );
  });
});
