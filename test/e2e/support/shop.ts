import { eventLogCaughtUp, waitUntilSettled } from '@eventmart/chaos';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { Api } from './api.js';
import type { ShopUnderTest, TestSystem } from './system.js';

export interface OrderBody {
  id: string;
  status: string;
  total: number;
  cancellationReason: string | null;
  cancellationDetail: string | null;
}

export interface Product {
  sku: string;
  available: number;
  unitPrice: number;
}

let counter = 0;

/** Registers and logs in a new customer; answers an API client with its token. */
export async function newCustomer(
  api: Api,
  name = 'Customer',
): Promise<{ api: Api; email: string; userId: string }> {
  counter += 1;
  const email = `customer-${String(Date.now())}-${String(counter)}@example.com`;
  const registered = await api.post<{ id: string }>('/auth/register', {
    email,
    password: 'correct-horse-1',
    name,
  });
  expect(registered.status, JSON.stringify(registered.body)).toBe(201);
  const login = await api.post<{ accessToken: string }>('/auth/login', {
    email,
    password: 'correct-horse-1',
  });
  expect(login.status).toBe(200);
  return { api: api.as(login.body.accessToken), email, userId: registered.body.id };
}

export async function admin(api: Api): Promise<Api> {
  const login = await api.post<{ accessToken: string }>('/auth/login', {
    email: 'admin@example.com',
    password: 'admin-password-1',
  });
  expect(login.status).toBe(200);
  return api.as(login.body.accessToken);
}

export async function placeOrder(
  customer: Api,
  lines: { sku: string; quantity: number }[],
  paymentToken = 'tok_visa',
): Promise<OrderBody> {
  const placed = await customer.post<OrderBody>('/orders', { lines, paymentToken });
  expect(placed.status, JSON.stringify(placed.body)).toBe(202);
  return placed.body;
}

/** Polls the order until it reaches one of the statuses (the saga runs asynchronously). */
export async function waitForStatus(
  customer: Api,
  orderId: string,
  statuses: string[],
  timeoutMs = 20_000,
): Promise<OrderBody> {
  const deadline = Date.now() + timeoutMs;
  let last: OrderBody | undefined;
  while (Date.now() < deadline) {
    const response = await customer.get<{ order: OrderBody }>(`/orders/${orderId}`);
    last = response.body.order;
    if (statuses.includes(last.status)) return last;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(
    `order ${orderId} is ${String(last?.status)} after ${String(timeoutMs)} ms, expected ${statuses.join(' or ')}`,
  );
}

export async function stockOf(api: Api, sku: string): Promise<number> {
  const products = await api.get<Product[]>('/products');
  const product = products.body.find((p) => p.sku === sku);
  if (product === undefined) throw new Error(`no product ${sku}`);
  return product.available;
}

/**
 * Where the events are read: the embedded system's event log (its database), or a shop that
 * reads its own (a distributed one on Kafka has no log table).
 */
export type EventSource = Pick<TestSystem, 'database'> | Pick<ShopUnderTest, 'eventsAbout'>;

/** The event types published about one subject, in log order: the saga as it happened. */
export async function eventsAbout(system: EventSource, subject: string): Promise<string[]> {
  if ('eventsAbout' in system) return system.eventsAbout(subject);
  const rows = await sql<{ type: string }>`
    SELECT headers->>'ce_type' AS type FROM eventlog.messages
    WHERE message_key = ${subject} ORDER BY tx_id, seq`.execute(system.database.db);
  return rows.rows.map((row) => row.type);
}

export async function waitForEvents(
  system: EventSource,
  subject: string,
  expected: string[],
  timeoutMs = 20_000,
): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let seen: string[] = [];
  while (Date.now() < deadline) {
    seen = await eventsAbout(system, subject);
    if (expected.every((type) => seen.includes(type))) return seen;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(
    `events about ${subject}: ${seen.join(', ')}; still missing ${expected.filter((t) => !seen.includes(t)).join(', ')}`,
  );
}

export async function mailsTo(
  customer: Api,
): Promise<{ template: string; subject: string; text: string; orderId: string | null }[]> {
  const response =
    await customer.get<
      { template: string; subject: string; text: string; orderId: string | null }[]
    >('/mailbox');
  expect(response.status).toBe(200);
  return response.body;
}

export async function waitForMail(
  customer: Api,
  template: string,
  orderId?: string,
  timeoutMs = 20_000,
): Promise<{ subject: string; text: string }> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const mail = (await mailsTo(customer)).find(
      (m) => m.template === template && (orderId === undefined || m.orderId === orderId),
    );
    if (mail !== undefined) return mail;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(
    `no ${template} e-mail${orderId === undefined ? '' : ` for ${orderId}`} after ${String(timeoutMs)} ms`,
  );
}

/**
 * Waits until every consumer group has passed every message now in the log: what was
 * published so far has been handled (or dead-lettered) everywhere.
 */
export async function waitForConsumersToCatchUp(
  system: Pick<TestSystem, 'database'>,
  timeoutMs = 30_000,
): Promise<void> {
  await waitUntilSettled([eventLogCaughtUp(system.database)], timeoutMs, 50);
}
