import { serviceHandlers, type ServiceHandler } from '@eventmart/chaos';
import type { SqlDatabase } from '@eventmart/eventing';
import { expect, it } from 'vitest';
import { outboxHistory } from '../distributed/support/outbox-history.js';
import { Api } from '../e2e/support/api.js';
import { newCustomer, placeOrder, waitForStatus, type Product } from '../e2e/support/shop.js';
import { shopPerSuite } from '../e2e/support/suite-shop.js';
import { fuzzSettings, generateFuzzRecords, type FuzzRecord } from './fuzz-records.js';
import { buildReport, renderReport, reportDir, writeReport } from './fuzz-report.js';
import { accountForRecords } from './outcomes.js';
import type { Produced, RawWire, Refused } from './raw-wire.js';

/** A running shop with a raw client on its topics. */
export interface FuzzShop {
  readonly url: string;
  readonly database: SqlDatabase;
  readonly wire: RawWire;
  /** Resolves once outboxes are sent, nothing is parked and every group is at the end of every partition. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export interface WireFuzzOptions {
  readonly start: () => Promise<FuzzShop>;
  readonly startTimeoutMs: number;
}

/** The CI defaults: a couple of thousand records, replayed from one seed every time. */
const DEFAULTS = { seed: 20_261_207, records: 2_000 };
const ORDERS_BEFORE = 4;
const ORDERS_DURING = 12;
const FINAL = ['FULFILLMENT_READY'];
const SLICE = 250;

async function placeOrders(api: Api, count: number): Promise<{ customer: Api; id: string }[]> {
  const { api: customer } = await newCustomer(api, 'Fuzz');
  const products = (await api.get<Product[]>('/products')).body.filter((p) => p.available >= count);
  if (products.length === 0) throw new Error('no product has stock for the orders');
  const orders: { customer: Api; id: string }[] = [];
  for (let n = 0; n < count; n += 1) {
    const sku = products[n % products.length]?.sku ?? '';
    orders.push({ customer, id: (await placeOrder(customer, [{ sku, quantity: 1 }])).id });
  }
  return orders;
}

/** A slice at a time, so that the records spread over the time the orders flow. */
async function produceInSlices(
  wire: RawWire,
  records: readonly FuzzRecord[],
): Promise<{ produced: Produced[]; refused: Refused[] }> {
  const produced: Produced[] = [];
  const refused: Refused[] = [];
  for (let start = 0; start < records.length; start += SLICE) {
    const sent = await wire.produce(records.slice(start, start + SLICE));
    produced.push(...sent.produced);
    refused.push(...sent.refused);
  }
  return { produced, refused };
}

/**
 * The wire fuzzer: real records are read off the live topics, mutated under a seed and put
 * straight back on them through a raw client while orders flow. Then every order completes,
 * every group reaches the end of every partition, and each fuzzed record is accounted for
 * once per group that reads its topic: a dead letter with a reason its kind allows, or
 * skipped as an id its handlers already processed. No real event is dead-lettered, and none
 * had its effect twice (each order's events each appear once in the outboxes).
 */
export function wireFuzzFeatures(transport: string, options: WireFuzzOptions): void {
  const shop = shopPerSuite(options.start, options.startTimeoutMs);
  const { seed, count } = fuzzSettings(process.env, DEFAULTS);
  const replay = `FUZZ_SEED=${String(seed)} FUZZ_RECORDS=${String(count)}`;

  it(`${String(count)} fuzzed records on live topics while orders flow (${replay})`, async () => {
    const started = Date.now();
    const elapsedMs: Record<string, number> = {};
    const lap = (phase: string, since: number) => (elapsedMs[phase] = Date.now() - since);
    const { url, database, wire } = shop();
    const api = new Api(url);
    const handlers: ServiceHandler[] = await serviceHandlers();
    const topics = [...new Set(handlers.map((h) => h.topic))];

    const before = await placeOrders(api, ORDERS_BEFORE);
    for (const order of before) await waitForStatus(order.customer, order.id, FINAL, 60_000);
    await shop().settled();
    lap('orders before', started);

    let since = Date.now();
    const samples = await wire.sample(topics);
    const records = generateFuzzRecords({ seed, count, samples });
    lap('sample and generate', since);

    since = Date.now();
    const [during, sent] = await Promise.all([
      placeOrders(api, ORDERS_DURING),
      produceInSlices(wire, records),
    ]);
    lap('produce', since);
    // A stalled partition shows here: the report is still made, to show what became of what.
    const drained = await (async () => {
      for (const order of [...before, ...during])
        await waitForStatus(order.customer, order.id, FINAL, 90_000);
      await shop().settled();
    })().then(
      () => undefined,
      (error: unknown) => String(error),
    );
    lap('drain', since);

    since = Date.now();
    const { accounted, strayLetters } = await accountForRecords(
      database,
      handlers,
      sent.produced,
      drained === undefined,
    );
    const doubled: string[] = [];
    for (const order of [...before, ...during]) {
      const types = await outboxHistory(database, order.id);
      const repeated = types.filter((type, i) => types.indexOf(type) !== i);
      if (repeated.length > 0) doubled.push(`${order.id}: ${repeated.join(', ')} twice`);
    }
    lap('account', since);
    elapsedMs.total = Date.now() - started;

    const report = buildReport({
      transport,
      seed,
      records,
      refused: sent.refused,
      accounted,
      orders: before.length + during.length,
      elapsedMs,
    });
    const path = await writeReport(report, reportDir(process.env));
    console.info(`${renderReport(report)}\n(JSON: ${path}; replay: ${replay})`);

    expect(
      drained,
      `orders or consumer groups did not finish; replay with ${replay}`,
    ).toBeUndefined();
    const problems = accounted
      .filter((entry) => entry.problem !== undefined)
      .map(
        (entry) =>
          `#${String(entry.produced.fuzz.index)} ${entry.produced.fuzz.kind} (${entry.produced.fuzz.detail}) at ${entry.service}: ${String(entry.problem)}`,
      );
    expect(
      problems.slice(0, 20),
      `${String(problems.length)} problems; replay with ${replay}`,
    ).toEqual([]);
    expect(strayLetters.slice(0, 20), `real events dead-lettered; replay with ${replay}`).toEqual(
      [],
    );
    expect(doubled, `an effect applied twice; replay with ${replay}`).toEqual([]);
    // Every record on the wire reached at least one group.
    expect(new Set(accounted.map((entry) => entry.produced.fuzz.index)).size).toBe(
      sent.produced.length,
    );
  }, 300_000);
}
