import { DEAD_LETTER_SERVICES, type DeadLetterService } from '@eventmart/contracts';
import { Module, type Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { startEmbeddedShop } from '../examples/embedded-gateway.example.js';
import type { RpcService } from '../gateway.options.js';
import { DeadLetterState, deadLetterStandIn } from './dead-letter-stand-ins.fixture.js';
import { FulfillmentStandIn, OrdersStandIn } from './order-stand-ins.fixture.js';
import { ParkedEventState, parkedEventStandIn } from './parked-event-stand-ins.fixture.js';
import { ShopState } from './shop-state.fixture.js';
import {
  InventoryStandIn,
  NotificationStandIn,
  UsersStandIn,
} from './stand-in-services.fixture.js';

/** The services' own handlers; payment has none besides its dead letters and parked events. */
const STAND_INS: Readonly<Partial<Record<RpcService, Type>>> = {
  user: UsersStandIn,
  inventory: InventoryStandIn,
  order: OrdersStandIn,
  fulfillment: FulfillmentStandIn,
  notification: NotificationStandIn,
};

export interface GatewayTestApp {
  readonly app: NestExpressApplication;
  readonly state: ShopState;
  readonly deadLetters: DeadLetterState;
  readonly parked: ParkedEventState;
}

/**
 * The gateway as the embedded launcher runs it (see the README example), with the services'
 * handlers played by stand-ins. `absent` services are not started at all.
 */
export async function startGatewayApp(
  options: { absent?: DeadLetterService[]; rpcTimeoutMs?: number } = {},
): Promise<GatewayTestApp> {
  const isPresent = (service: string) => !options.absent?.some((absent) => absent === service);
  const present = [
    ...Object.entries(STAND_INS)
      .filter(([service]) => isPresent(service))
      .flatMap(([, standIn]) => (standIn === undefined ? [] : [standIn])),
    ...DEAD_LETTER_SERVICES.filter(isPresent).map(deadLetterStandIn),
    ...DEAD_LETTER_SERVICES.filter(isPresent).map(parkedEventStandIn),
  ];

  @Module({ controllers: present, providers: [ShopState, DeadLetterState, ParkedEventState] })
  class StandInServicesModule {}

  const app = await startEmbeddedShop(
    [StandInServicesModule],
    options.rpcTimeoutMs === undefined ? {} : { rpcTimeoutMs: options.rpcTimeoutMs },
  );
  return {
    app,
    state: app.get(ShopState),
    deadLetters: app.get(DeadLetterState),
    parked: app.get(ParkedEventState),
  };
}
