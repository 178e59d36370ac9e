import type { EventDefinition } from './event-definition.js';
import { eventKey } from './event-definition.js';
import { FulfillmentReady } from './events/fulfillment.events.js';
import { EmailSent } from './events/notification.events.js';
import {
  OrderCancelled,
  OrderConfirmed,
  OrderPaymentDeadlinePassed,
  OrderPlaced,
  OrderShipped,
} from './events/order.events.js';
import { PaymentFailed, PaymentRefunded, PaymentSucceeded } from './events/payment.events.js';
import {
  StockReleased,
  StockReservationExpired,
  StockReservationFailed,
  StockReserved,
} from './events/inventory.events.js';
import { UserRegistered } from './events/user.events.js';

/** Every event eventmart's services publish, in saga order. */
export const EVENT_CATALOG: readonly EventDefinition[] = Object.freeze([
  UserRegistered,
  OrderPlaced,
  StockReserved,
  StockReservationFailed,
  PaymentSucceeded,
  PaymentFailed,
  OrderPaymentDeadlinePassed,
  OrderConfirmed,
  OrderCancelled,
  StockReservationExpired,
  StockReleased,
  PaymentRefunded,
  FulfillmentReady,
  OrderShipped,
  EmailSent,
]);

/** Looks definitions up by type and version; built from a list so tests can add their own. */
export class EventCatalog {
  private readonly byKey = new Map<string, EventDefinition>();

  constructor(definitions: Iterable<EventDefinition> = EVENT_CATALOG) {
    for (const definition of definitions) this.add(definition);
  }

  add(definition: EventDefinition): this {
    const key = eventKey(definition.type, definition.version);
    const existing = this.byKey.get(key);
    if (existing !== undefined && existing !== definition) {
      throw new Error(`event ${key} is defined twice`);
    }
    this.byKey.set(key, definition);
    return this;
  }

  find(type: string, version: number): EventDefinition | undefined {
    return this.byKey.get(eventKey(type, version));
  }

  /** Whether some version of the type is known, to tell "unknown version" from "unknown type". */
  knowsType(type: string): boolean {
    for (const definition of this.byKey.values()) if (definition.type === type) return true;
    return false;
  }

  all(): EventDefinition[] {
    return [...this.byKey.values()];
  }
}
