// Places orders through the HTTP API of the embedded system and measures, from the event log,
// how long each took from order.placed to order.confirmed, and the confirmed throughput.
// Run: npm run bench:orders [-- --orders 300 --concurrency 10]
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, startEmbedded } from '@eventmart/embedded';
import type { SqlDatabase } from '@eventmart/eventing';
import { EVENTING_DATABASE } from '@eventmart/nestjs';
import { sql } from 'kysely';
import { percentile, svgHistogram } from './support/svg-histogram.js';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '300' },
    concurrency: { type: 'string', default: '10' },
  },
});
const total = Number(values.orders);
const concurrency = Number(values.concurrency);

const dataDir = await mkdtemp(join(tmpdir(), 'eventmart-bench-'));
const system = await startEmbedded(
  loadConfig({
    EVENTMART_DATA_DIR: dataDir,
    PORT: '0',
    ADMIN_PASSWORD: 'bench-admin-1',
    JWT_SECRET: 'bench-secret-0123456789-0123456789-0123',
  }),
);
const database = system.app.get<SqlDatabase>(EVENTING_DATABASE);
const post = async (
  path: string,
  body: unknown,
  token?: string,
): Promise<Record<string, unknown>> => {
  const response = await fetch(`${system.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown>;
};

await post('/auth/register', {
  email: 'bench@example.com',
  password: 'bench-password-1',
  name: 'Bench',
});
const token = String(
  (await post('/auth/login', { email: 'bench@example.com', password: 'bench-password-1' }))
    .accessToken,
);
// Enough stock that every order can be confirmed.
await sql`UPDATE inventory.products SET total = total + 100000, available = available + 100000 WHERE sku = 'MUG-OUTBOX'`.execute(
  database.db,
);

const started = Date.now();
let placed = 0;
const progress = setInterval(
  () => process.stderr.write(`\rplaced ${String(placed)}/${String(total)}`),
  250,
);
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (placed < total) {
      placed += 1;
      await post(
        '/orders',
        { lines: [{ sku: 'MUG-OUTBOX', quantity: 1 }], paymentToken: 'tok_visa' },
        token,
      );
    }
  }),
);
let confirmed = 0;
while (confirmed < total) {
  const rows = await sql<{
    n: string;
  }>`SELECT count(*) AS n FROM eventlog.messages WHERE headers->>'ce_type' = 'order.confirmed'`.execute(
    database.db,
  );
  confirmed = Number(rows.rows[0]?.n ?? 0);
  process.stderr.write(
    `\rplaced ${String(placed)}/${String(total)}, confirmed ${String(confirmed)}/${String(total)}`,
  );
  if (Date.now() - started > 600_000) throw new Error('orders did not confirm within 10 minutes');
  await new Promise((resolve) => setTimeout(resolve, 100));
}
clearInterval(progress);
process.stderr.write('\n');

const timings = await sql<{ placed: string; confirmed: string }>`
  SELECT p.headers->>'ce_time' AS placed, c.headers->>'ce_time' AS confirmed
  FROM eventlog.messages p JOIN eventlog.messages c ON c.message_key = p.message_key
  WHERE p.headers->>'ce_type' = 'order.placed' AND c.headers->>'ce_type' = 'order.confirmed'`.execute(
  database.db,
);
const latencies = timings.rows
  .map((row) => Date.parse(row.confirmed) - Date.parse(row.placed))
  .sort((a, b) => a - b);
const firstPlaced = Math.min(...timings.rows.map((row) => Date.parse(row.placed)));
const lastConfirmed = Math.max(...timings.rows.map((row) => Date.parse(row.confirmed)));
const throughput = (latencies.length / ((lastConfirmed - firstPlaced) / 1000)).toFixed(1);
await system.stop();
await rm(dataDir, { recursive: true, force: true });

const summary = {
  date: new Date().toISOString(),
  mode: 'embedded (PGlite, Postgres event log), one process',
  machine: `${String((await import('node:os')).cpus().length)} cores, Node ${process.version}`,
  orders: latencies.length,
  concurrency,
  p50Ms: percentile(latencies, 50),
  p95Ms: percentile(latencies, 95),
  p99Ms: percentile(latencies, 99),
  maxMs: latencies.at(-1),
  confirmedPerSecond: Number(throughput),
};
const results = new URL('./results/', import.meta.url);
await writeFile(
  new URL('order-confirmation.json', results),
  `${JSON.stringify(summary, null, 2)}\n`,
);
await writeFile(
  new URL('order-confirmation.svg', results),
  svgHistogram(
    `order.placed → order.confirmed, ${String(latencies.length)} orders, embedded (ms)`,
    latencies,
  ),
);
console.log(summary);
