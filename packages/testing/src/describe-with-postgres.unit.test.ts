import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const vitest = join(
  dirname(createRequire(import.meta.url).resolve('vitest/package.json')),
  'vitest.mjs',
);
// Port 1 on localhost refuses at once: a server that is certainly not there.
const nowhere = 'postgres://postgres@127.0.0.1:1/postgres';

interface Run {
  readonly code: number;
  readonly output: string;
}

describe('describeWithPostgres without a server', () => {
  let configDir: string;

  beforeAll(async () => {
    configDir = await mkdtemp(join(tmpdir(), 'eventmart-vitest-'));
    await writeFile(
      join(configDir, 'vitest.config.mjs'),
      `export default { test: { include: ['needs-postgres.fixture.ts'] } };\n`,
    );
  });
  afterAll(() => rm(configDir, { recursive: true, force: true }));

  function runFixture(env: Record<string, string | undefined>): Promise<Run> {
    const args = [
      vitest,
      'run',
      '--root',
      fixtures,
      '--config',
      join(configDir, 'vitest.config.mjs'),
    ];
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [...args, '--reporter', 'verbose', '--color=false'],
        { env: { ...childEnv(), NO_COLOR: '1', ...env }, timeout: 60_000 },
        (error, stdout, stderr) => {
          const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
          resolve({ code, output: `${stdout}${stderr}` });
        },
      );
    });
  }

  it('skips with the reason in the name outside CI, and fails loudly under CI=true', async () => {
    const [local, ci] = await Promise.all([
      runFixture({ PG_TEST_URL: nowhere, CI: undefined }),
      runFixture({ PG_TEST_URL: nowhere, CI: 'true' }),
    ]);

    expect(local.code, local.output).toBe(0);
    expect(local.output).toContain(`skipped: no PostgreSQL at PG_TEST_URL=${nowhere}`);
    expect(local.output).toMatch(/1 skipped/);

    expect(ci.code, ci.output).not.toBe(0);
    expect(ci.output).toContain(`PostgreSQL at PG_TEST_URL=${nowhere} is not reachable`);
    expect(ci.output).toContain('CI requires it');
  });
});

/** This process's environment without what the running Vitest set for its workers. */
function childEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')),
  );
}
