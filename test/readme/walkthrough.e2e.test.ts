import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../e2e/support/system.js';
import { readmeSection, shellBlock } from './readme-sections.js';

const run = promisify(execFile);

describe("the README's walk-through", () => {
  let shop: TestSystem;

  beforeAll(async () => {
    shop = await startTestSystem();
  });

  afterAll(async () => {
    await shop.stop();
  });

  it('registers, logs in, places an order and sees it confirm, e-mails and all', async () => {
    const script = shellBlock(readmeSection('walkthrough'));
    const started = Date.now();
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', script], {
      env: { ...process.env, BASE: shop.url },
      timeout: 60_000,
    });
    const seconds = (Date.now() - started) / 1000;
    expect(stdout).toMatch(/BOOK-DDD {2}5490 {2}25/);
    expect(stdout).toMatch(/order \S+ is (CONFIRMED|FULFILLMENT_READY)/);
    expect(stdout).toContain('1 OrderPlaced');
    expect(stdout).toMatch(/Your order \S+ is confirmed/);
    expect(stdout).toContain('Welcome to EventMart');
    console.info(`walk-through ran in ${seconds.toFixed(2)} s`);
  });
});
