import { describe, it } from 'vitest';
import { pgTestUrl, redactedUrl } from './pg-test-url.js';
import { probePostgres, type PostgresProbe } from './postgres-available.js';

let probe: Promise<PostgresProbe> | undefined;

/**
 * A `describe` for tests that need the PostgreSQL server at PG_TEST_URL. When it does not
 * answer, the suite is skipped with the reason in its name, except under CI=true (or 1),
 * where a missing server is a failure: CI must never pass by skipping.
 *
 * Vitest awaits an async describe callback while collecting, which lets the probe (once per
 * test file) decide what gets collected.
 */
export function describeWithPostgres(name: string, fn: () => void): void {
  describe(name, async () => {
    probe ??= probePostgres();
    const result = await probe;
    if (result.ok) return fn();
    const where = `PostgreSQL at PG_TEST_URL=${redactedUrl(pgTestUrl())}`;
    if (process.env.CI === 'true' || process.env.CI === '1') {
      it('needs PostgreSQL', () => {
        throw new Error(`${where} is not reachable (${result.reason}); CI requires it`);
      });
      return;
    }
    describe.skip(`skipped: no ${where} (${result.reason})`, fn);
  });
}
