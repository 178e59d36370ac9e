import {
  FulfillmentReady,
  OrderCancelled,
  OrderConfirmed,
  OrderShipped,
  type EventData,
} from '@eventmart/contracts';
import type { SqlDatabase } from '@eventmart/eventing';
import { ServiceEventingHost } from '@eventmart/nestjs';
import { openDatabase } from '@eventmart/postgres';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FulfillmentModule, FulfillmentRpcController } from './index.js';
import type { FulfillmentTables } from './infrastructure/fulfillment.tables.js';
import { rpcErrorOf } from '@eventmart/service-testing';
import { ServiceHarness, eventually, settle } from '@eventmart/service-testing';

const confirmed = (orderId: string): EventData<typeof OrderConfirmed> => ({
  orderId,
  customerId: 'customer-1',
  total: 2_500,
  currency: 'EUR',
});
const cancelled = (orderId: string): EventData<typeof OrderCancelled> => ({
  orderId,
  customerId: 'customer-1',
  reason: 'CUSTOMER_REQUEST',
  wasPaid: true,
});

describe('FulfillmentModule', () => {
  let database: SqlDatabase;
  let harness: ServiceHarness;
  let rpc: FulfillmentRpcController;

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    harness = await ServiceHarness.start(FulfillmentModule, database, [
      FulfillmentReady,
      OrderShipped,
    ]);
    rpc = harness.app.get(FulfillmentRpcController);
  });

  afterAll(async () => {
    await harness.close();
    await database.close();
  });

  const schema = () =>
    database.db.withSchema('fulfillment') as Kysely<
      FulfillmentTables & { inbox: { event_id: string } }
    >;
  const shipmentOf = (orderId: string) =>
    schema().selectFrom('shipments').selectAll().where('order_id', '=', orderId).executeTakeFirst();
  const readyFor = (orderId: string) =>
    harness.published(FulfillmentReady).filter((event) => event.data.orderId === orderId);
  const shippedFor = (orderId: string) =>
    harness.published(OrderShipped).filter((event) => event.data.orderId === orderId);
  /** Resolves once the service's handler for the event has committed. */
  const handled = (eventId: string) =>
    eventually(() =>
      schema()
        .selectFrom('inbox')
        .select('event_id')
        .where('event_id', '=', eventId)
        .executeTakeFirst(),
    );
  const ready = async (orderId: string) => {
    await harness.publish(OrderConfirmed, confirmed(orderId), orderId);
    return eventually(() => readyFor(orderId)[0]);
  };

  it('creates a READY shipment for a confirmed order and publishes fulfillment.ready', async () => {
    const event = await ready('o-1');
    const shipment = await shipmentOf('o-1');
    expect(shipment).toMatchObject({ status: 'READY', customer_id: 'customer-1' });
    expect(event).toMatchObject({
      source: 'fulfillment',
      subject: 'o-1',
      data: { orderId: 'o-1', customerId: 'customer-1', shipmentId: shipment?.id },
    });
  });

  it('creates one shipment however often the confirmation arrives', async () => {
    const event = await harness.publish(OrderConfirmed, confirmed('o-2'), 'o-2');
    await harness.redeliver(OrderConfirmed, event);
    // Re-published under a new event id: the inbox does not know it, the shipment does.
    const again = await harness.publish(OrderConfirmed, confirmed('o-2'), 'o-2');
    await handled(again.id);
    await settle();
    const rows = await schema()
      .selectFrom('shipments')
      .selectAll()
      .where('order_id', '=', 'o-2')
      .execute();
    expect(rows).toHaveLength(1);
    expect(readyFor('o-2')).toHaveLength(1);
  });

  describe('mark-shipped', () => {
    it('ships a READY shipment and publishes order.shipped with carrier and tracking', async () => {
      const { data } = await ready('o-3');
      const answer = await rpc.onMarkShipped({
        orderId: 'o-3',
        carrier: 'DHL',
        trackingNumber: 'JD01',
      });
      expect(answer).toEqual({ orderId: 'o-3', shipmentId: data.shipmentId, status: 'SHIPPED' });
      expect(await shipmentOf('o-3')).toMatchObject({
        status: 'SHIPPED',
        carrier: 'DHL',
        tracking_number: 'JD01',
      });
      const [shipped] = await eventually(() => shippedFor('o-3').length > 0 && shippedFor('o-3'));
      expect(shipped?.data).toEqual({
        orderId: 'o-3',
        customerId: 'customer-1',
        shipmentId: data.shipmentId,
        carrier: 'DHL',
        trackingNumber: 'JD01',
      });
    });

    it('ships without carrier or tracking, leaving them out of the event', async () => {
      await ready('o-4');
      await rpc.onMarkShipped({ orderId: 'o-4' });
      const [shipped] = await eventually(() => shippedFor('o-4').length > 0 && shippedFor('o-4'));
      expect(shipped?.data).not.toHaveProperty('carrier');
      expect(shipped?.data).not.toHaveProperty('trackingNumber');
    });

    it('answers CONFLICT, naming the status, for a shipment already shipped', async () => {
      await ready('o-5');
      await rpc.onMarkShipped({ orderId: 'o-5' });
      await expect(rpcErrorOf(() => rpc.onMarkShipped({ orderId: 'o-5' }))).resolves.toEqual({
        code: 'CONFLICT',
        message: 'the shipment of order o-5 cannot be shipped: it is SHIPPED',
      });
      await eventually(() => shippedFor('o-5').length === 1);
      await settle();
      expect(shippedFor('o-5')).toHaveLength(1);
    });

    it('answers NOT_FOUND for an order without shipment', async () => {
      await expect(rpcErrorOf(() => rpc.onMarkShipped({ orderId: 'o-unknown' }))).resolves.toEqual({
        code: 'NOT_FOUND',
        message: 'no shipment for order o-unknown',
      });
    });

    it('answers BAD_REQUEST for a request without order', async () => {
      await expect(rpcErrorOf(() => rpc.onMarkShipped({ carrier: 'DHL' }))).resolves.toMatchObject({
        code: 'BAD_REQUEST',
      });
    });
  });

  describe('order.cancelled', () => {
    it('cancels a READY shipment, which then cannot be shipped', async () => {
      await ready('o-6');
      const event = await harness.publish(OrderCancelled, cancelled('o-6'), 'o-6');
      await handled(event.id);
      const stats = harness.app.get(ServiceEventingHost).eventing.consumer.stats;
      const duplicatesBefore = stats.get('duplicates');
      await harness.redeliver(OrderCancelled, event);
      await eventually(() => stats.get('duplicates') > duplicatesBefore);
      expect(await shipmentOf('o-6')).toMatchObject({ status: 'CANCELLED' });
      await expect(rpcErrorOf(() => rpc.onMarkShipped({ orderId: 'o-6' }))).resolves.toEqual({
        code: 'CONFLICT',
        message: 'the shipment of order o-6 cannot be shipped: it is CANCELLED',
      });
    });

    it('creates no shipment when the cancellation arrives before the confirmation', async () => {
      const cancellation = await harness.publish(OrderCancelled, cancelled('o-7'), 'o-7');
      await handled(cancellation.id);
      const confirmation = await harness.publish(OrderConfirmed, confirmed('o-7'), 'o-7');
      await handled(confirmation.id);
      await settle();
      expect(await shipmentOf('o-7')).toBeUndefined();
      expect(readyFor('o-7')).toEqual([]);
      await expect(rpcErrorOf(() => rpc.onMarkShipped({ orderId: 'o-7' }))).resolves.toMatchObject({
        code: 'NOT_FOUND',
      });
    });

    it('leaves a shipment that already left as SHIPPED', async () => {
      await ready('o-8');
      await rpc.onMarkShipped({ orderId: 'o-8' });
      const event = await harness.publish(OrderCancelled, cancelled('o-8'), 'o-8');
      await handled(event.id);
      expect(await shipmentOf('o-8')).toMatchObject({ status: 'SHIPPED' });
    });
  });
});
