import type { EventContext, EventPublisher, Tx } from '@eventmart/eventing';
import { describe, expect, it, vi } from 'vitest';
import { replay, type OrderEvent } from '../domain/index.js';
import { HISTORIES } from '../domain/order-histories.fixture.js';
import { publishIntegrationEvents } from './order-integration-events.js';
import { orderView } from './order-view.js';

const fakePublisher = () => {
  const publish = vi.fn((_definition: { type: string }, _data: unknown, _options: unknown) =>
    Promise.resolve(),
  );
  return { publish, publisher: { publish } as unknown as EventPublisher };
};

/** Only passed through to publish: the fake publisher never writes in it. */
const context: EventContext = { tx: {} as Tx };

describe('the integration events of an order', () => {
  it('are placement, confirmation and cancellation only', async () => {
    const { publish, publisher } = fakePublisher();
    await publishIntegrationEvents(
      publisher,
      context,
      replay(HISTORIES.SHIPPED)!,
      HISTORIES.SHIPPED,
      'tok_visa',
    );
    expect(publish.mock.calls.map(([definition]) => definition.type)).toEqual([
      'order.placed',
      'order.confirmed',
    ]);
  });

  it('leave the detail of a cancellation out when there is none', async () => {
    const { publish, publisher } = fakePublisher();
    const events = HISTORIES.CANCELLED.slice(1);
    await publishIntegrationEvents(
      publisher,
      context,
      replay(HISTORIES.CANCELLED)!,
      events,
      undefined,
    );
    expect(publish).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'order.cancelled' }),
      { orderId: 'order-1', customerId: 'customer-1', reason: 'CUSTOMER_REQUEST', wasPaid: false },
      { subject: 'order-1', context },
    );
  });

  it('cannot announce a placed order without the payment token it must carry', async () => {
    const { publisher } = fakePublisher();
    const placed: OrderEvent[] = HISTORIES.PLACED;
    const order = replay(placed)!;
    await expect(
      publishIntegrationEvents(publisher, context, order, placed, undefined),
    ).rejects.toThrow('order.placed needs the payment token');
  });
});

describe('the view of an order', () => {
  it('needs the events it was built from', () => {
    expect(() => orderView(replay(HISTORIES.PLACED)!, [])).toThrow('order order-1 has no events');
  });
});
