import { EventCatalog, OrderPlaced } from '@eventmart/contracts';
import { describe, expect, it } from 'vitest';
import { eventHandler } from '../event-handler.js';
import type { Delivery } from './pipeline.js';
import { routeStep } from './route.step.js';
import { handlerOf, placedEnvelope, receivedEnvelope, recordingSink } from './steps.fixture.js';

function route(handlers = [handlerOf('reserve'), handlerOf('audit')]) {
  const { records, sink } = recordingSink();
  const delivered: Delivery[] = [];
  let ignored = 0;
  const step = routeStep(
    {
      service: 'inventory',
      handlers,
      catalog: new EventCatalog(),
      deadLetter: sink,
      ignored: () => (ignored += 1),
    },
    (delivery) => {
      delivered.push(delivery);
      return Promise.resolve();
    },
  );
  return { step, records, delivered, ignoredCount: () => ignored };
}

describe('the route step', () => {
  it('hands the event to every handler of its type and version, each with its inbox key', async () => {
    const { step, delivered, records } = route();
    const envelope = placedEnvelope();
    await step(envelope, receivedEnvelope(envelope));
    expect(delivered.map((d) => [d.handler.name, d.consumer])).toEqual([
      ['reserve', 'inventory.reserve'],
      ['audit', 'inventory.audit'],
    ]);
    expect(records).toEqual([]);
  });

  it('skips a known event the service does not handle', async () => {
    const { step, delivered, records, ignoredCount } = route([]);
    const envelope = placedEnvelope();
    await step(envelope, receivedEnvelope(envelope));
    expect(ignoredCount()).toBe(1);
    expect(delivered).toEqual([]);
    expect(records).toEqual([]);
  });

  it('dead-letters an event type the catalog does not know', async () => {
    const { step, records } = route();
    const envelope = { ...placedEnvelope(), type: 'order.teleported' };
    await step(envelope, receivedEnvelope());
    expect(records).toEqual([
      expect.objectContaining({
        consumer: 'inventory',
        handler: null,
        reason: 'unknown-event',
        error: 'unknown event type order.teleported',
        envelope,
      }),
    ]);
  });

  it('dead-letters a version of a known type that the catalog does not know', async () => {
    const { step, records } = route([]);
    await step({ ...placedEnvelope(), version: 99 }, receivedEnvelope());
    expect(records.map((r) => [r.reason, r.error])).toEqual([
      ['unknown-event', 'no version 99 of order.placed is known'],
    ]);
  });

  it('dead-letters a known version that no handler of the type takes', async () => {
    const v2 = eventHandler({
      name: 'reserve-v2',
      event: { ...OrderPlaced, version: 2 },
      handle: () => Promise.resolve(),
    });
    const { step, records, delivered } = route([v2]);
    await step(placedEnvelope(), receivedEnvelope());
    expect(delivered).toEqual([]);
    expect(records.map((r) => [r.reason, r.error])).toEqual([
      ['unsupported-version', 'order.placed version 1 has no handler here (handled: 2)'],
    ]);
  });

  it('refuses two handlers of one name: the name keys the inbox', () => {
    expect(() => route([handlerOf('reserve'), handlerOf('reserve')])).toThrow(
      'two handlers are named reserve',
    );
  });
});
