// What every admin route over all services (dead letters, parked events) must do, with payment
// down: answer for the others, and name it.
import { Logger } from '@nestjs/common';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { startGatewayApp, type GatewayTestApp } from '../testing/gateway-app.fixture.js';
import { errorOf, fieldsOf } from '../testing/responses.fixture.js';
import { signedIn } from '../testing/shop-state.fixture.js';

/** How the routes name a service that did not answer: here payment, which never runs. */
export const PAYMENT_DOWN = { service: 'payment', code: 'SERVICE_UNAVAILABLE' } as const;

export interface ListBody<Item> {
  items: Item[];
  total: number;
  unavailable: { service: string; code: string }[];
}

type SignedIn = ReturnType<typeof signedIn>;

/** The gateway the cases run against, once the suite's beforeAll has run. */
export class AdminRoutesGateway {
  shop!: GatewayTestApp;
  admin!: SignedIn;
  customer!: SignedIn;

  get deadLetters() {
    return this.shop.deadLetters;
  }

  get parked() {
    return this.shop.parked;
  }

  readonly http = () => request(this.shop.app.getHttpServer());

  readonly asAdmin = {
    get: (path: string) => this.http().get(path).set('Authorization', this.admin.authorization),
    post: (path: string, body: object) =>
      this.http().post(path).set('Authorization', this.admin.authorization).send(body),
  };
}

export interface AdminRoutes {
  /** The list route, e.g. `/admin/parked-events`. */
  readonly path: string;
  /** Every route, as an anonymous request. */
  readonly routes: (http: AdminRoutesGateway['http']) => (() => request.Test)[];
  /** Queries of the list route it must refuse, each with the field its 400 names. */
  readonly refusedQueries: readonly (readonly [query: string, field: string])[];
  /** What the stand-in services were asked. */
  readonly requests: (shop: GatewayTestApp) => readonly unknown[];
}

/**
 * Starts the gateway for the suite (errors it logs about payment are silenced) and adds the
 * cases every such route passes. Call it inside a describe; it answers the gateway for the
 * route's own cases.
 */
export function adminRoutesFeatures(feature: AdminRoutes): AdminRoutesGateway {
  const gateway = new AdminRoutesGateway();
  beforeAll(async () => {
    gateway.shop = await startGatewayApp({ absent: ['payment'], rpcTimeoutMs: 500 });
    gateway.admin = signedIn(gateway.shop.state, 'ops@example.com', 'admin');
    gateway.customer = signedIn(gateway.shop.state, 'cy@example.com');
  });
  afterAll(() => gateway.shop.app.close());
  beforeEach(() => {
    vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });

  it('answer 403 to a customer and 401 without a token, on every route', async () => {
    for (const route of feature.routes(gateway.http)) {
      const refused = route().set('Authorization', gateway.customer.authorization).expect(403);
      expect(errorOf(await refused).code).toBe('FORBIDDEN');
      await route().expect(401);
    }
    expect(feature.requests(gateway.shop)).toEqual([]);
  });

  it('refuse an unknown service, a bad filter or page, or one too deep to merge, with 400', async () => {
    for (const [query, field] of feature.refusedQueries) {
      const response = await gateway.asAdmin.get(`${feature.path}?${query}`).expect(400);
      expect(fieldsOf(response), query).toEqual([field]);
    }
  });

  it('answer 503 when the one service asked is down', async () => {
    const response = await gateway.asAdmin.get(`${feature.path}?service=payment`).expect(503);
    expect(errorOf(response).message).toBe('the payment service is unavailable');
  });

  return gateway;
}
