import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const vitest = join(
  dirname(createRequire(import.meta.url).resolve('vitest/package.json')),
  'vitest.mjs',
);
const missing = '/nonexistent/kafka-mock';

interface Run {
  readonly code: number;
  readonly output: string;
}

describe('describeWithKafkaMock without the helper', () => {
  let configDir: string;

  beforeAll(async () => {
    configDir = await mkdtemp(join(tmpdir(), 'eventmart-vitest-'));
    await writeFile(
      join(configDir, 'vitest.config.mjs'),
      `export default { test: { include: ['needs-kafka-mock.fixture.ts'] } };\n`,
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
      runFixture({ KAFKA_MOCK_BIN: missing, CI: undefined }),
      runFixture({ KAFKA_MOCK_BIN: missing, CI: 'true' }),
    ]);

    expect(local.code, local.output).toBe(0);
    expect(local.output).toContain(
      `skipped: no Kafka mock cluster (KAFKA_MOCK_BIN=${missing} is not an executable file)`,
    );
    expect(local.output).toMatch(/1 skipped/);

    expect(ci.code, ci.output).not.toBe(0);
    expect(ci.output).toContain('the Kafka mock cluster is not available');
    expect(ci.output).toContain('CI requires it');
  });
});

/** This process's environment without what the running Vitest set for its workers. */
function childEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')),
  );
}
