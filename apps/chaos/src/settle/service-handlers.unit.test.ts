import { StockReleased, StockReservationExpired } from '@eventmart/contracts';
import { describe, expect, it } from 'vitest';
import { serviceHandlers, topicsByService } from './service-handlers.js';

// The service modules as the distributed processes load them: each service's consumer group
// reads exactly the topics of its handlers, on Kafka and on the event log alike.
describe("the services' consumer groups, as the distributed processes wire them", () => {
  it("the order service reads the reservation's expiry; inventory only publishes it", async () => {
    const handlers = await serviceHandlers();
    const topics = topicsByService(handlers);
    expect(topics.get('order')?.has(StockReservationExpired.topic)).toBe(true);
    expect(topics.get('inventory')?.has(StockReservationExpired.topic)).toBe(false);
    expect(handlers.filter((handler) => handler.type === StockReservationExpired.type)).toEqual([
      expect.objectContaining({ service: 'order', consumer: 'order.reservation-expired' }),
    ]);
    // Nobody decides on a release any more: it is the compensation's report.
    expect(handlers.filter((handler) => handler.type === StockReleased.type)).toEqual([]);
  });
});
