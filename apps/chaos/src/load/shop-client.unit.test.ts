import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ShopClient } from './shop-client.js';

describe('shop client', () => {
  let server: Server | undefined;
  afterEach(
    () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
  );

  /** A gateway answering the statuses in turn (the last one from then on), counting requests. */
  async function gateway(
    statuses: number[],
  ): Promise<{ client: ShopClient; requests: () => number }> {
    let requests = 0;
    server = createServer((request, response) => {
      const status = statuses[Math.min(requests, statuses.length - 1)] ?? 200;
      requests += 1;
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ auth: request.headers.authorization ?? null, status }));
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    return { client: new ShopClient(`http://127.0.0.1:${String(port)}`), requests: () => requests };
  }

  it('tries again while a service is unavailable, with the token, and counts the retries', async () => {
    const { client, requests } = await gateway([503, 503, 200]);
    const customer = client.as('t0ken');
    const answer = await customer.get<{ auth: string }>('/orders');
    expect(answer).toEqual({ status: 200, body: { auth: 'Bearer t0ken', status: 200 } });
    expect(requests()).toBe(3);
    expect(customer.retries).toBe(2);
  });

  it('stops at a status the caller calls final, at a client error, and after its time', async () => {
    const timeout = await gateway([504, 200]);
    expect((await timeout.client.post('/orders', {}, { finalOn: [504] })).status).toBe(504);
    expect(timeout.requests()).toBe(1);
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    const refused = await gateway([409]);
    expect((await refused.client.post('/orders/1/cancel')).status).toBe(409);
    expect(refused.requests()).toBe(1);
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    const down = await gateway([503]);
    expect((await down.client.get('/products', { retryForMs: 300 })).status).toBe(503);
    expect(down.requests()).toBeGreaterThan(1);
    server = undefined;
  });
});
