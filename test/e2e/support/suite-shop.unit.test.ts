import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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

interface Run {
  readonly code: number;
  readonly output: string;
  /** What the fixture's shop noted, in order. */
  readonly notes: string[];
}

describe('shopPerSuite', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'eventmart-suite-shop-'));
    await writeFile(
      join(dir, 'vitest.config.mjs'),
      `export default { test: { include: ['slow-shop.fixture.ts'] } };\n`,
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** The fixture in a child Vitest, its shop taking `startMs` to start (its hook allows 300). */
  async function runFixture(startMs: number): Promise<Run> {
    const log = join(dir, `notes-${String(startMs)}.txt`);
    await writeFile(log, '');
    const args = [vitest, 'run', '--root', fixtures, '--config', join(dir, 'vitest.config.mjs')];
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')),
    );
    const { code, output } = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile(
        process.execPath,
        [...args, '--reporter', 'verbose', '--color=false'],
        { env: { ...env, NO_COLOR: '1', SHOP_LOG: log, SHOP_START_MS: String(startMs) } },
        (error, stdout, stderr) => {
          const exit = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
          resolve({ code: exit, output: `${stdout}${stderr}` });
        },
      );
    });
    const notes = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
    return { code, output, notes };
  }

  it('starts the shop before the tests and stops it after', async () => {
    const run = await runFixture(10);
    expect(run.code, run.output).toBe(0);
    expect(run.notes).toEqual(['started', 'tested', 'stopped']);
  });

  it('stops a shop whose start outlived the hook, and reports the hook, not a TypeError', async () => {
    const run = await runFixture(1_500);
    expect(run.code, run.output).not.toBe(0);
    expect(run.output).toContain('Hook timed out in 300ms');
    expect(run.output).not.toContain('TypeError');
    expect(run.notes).toEqual(['started', 'stopped']);
  });
});
