import { OrderCancelled, OrderPlaced, type Envelope, type EventOf } from '@eventmart/contracts';
import type { HandlerContext } from '@eventmart/eventing';
import { describe, expect, it } from 'vitest';
import { OnEvent, onEventMetadataOf } from './on-event.decorator.js';

describe('@OnEvent', () => {
  it('records the event definition and options on the method', () => {
    class Handlers {
      @OnEvent(OrderPlaced, { name: 'reserve', retry: { maxAttempts: 2 } })
      async reserve(_event: EventOf<typeof OrderPlaced>, _context: HandlerContext): Promise<void> {}

      async helper(): Promise<void> {}
    }
    expect(onEventMetadataOf(Handlers.prototype.reserve)).toEqual({
      event: OrderPlaced,
      name: 'reserve',
      retry: { maxAttempts: 2 },
    });
    expect(onEventMetadataOf(Handlers.prototype.helper)).toBeUndefined();
  });

  it('refuses a static method and a second @OnEvent on one method', () => {
    expect(() => {
      class Static {
        @OnEvent(OrderPlaced)
        static async handle(_event: EventOf<typeof OrderPlaced>): Promise<void> {}
      }
      return Static;
    }).toThrow(/static method Static.handle/);
    expect(() => {
      class Twice {
        @OnEvent(OrderPlaced)
        @OnEvent(OrderPlaced, { name: 'again' })
        async handle(_event: EventOf<typeof OrderPlaced>): Promise<void> {}
      }
      return Twice;
    }).toThrow(/twice on Twice.handle/);
  });

  // Checked by `tsc` (npm run typecheck): each @ts-expect-error must meet an error, so a
  // decorator that stopped checking signatures fails the typecheck.
  it('types the handler by the contract', () => {
    class Signatures {
      @OnEvent(OrderPlaced)
      async withoutContext(_event: EventOf<typeof OrderPlaced>): Promise<void> {}

      @OnEvent(OrderPlaced)
      async anyEnvelope(_event: Envelope, _context: HandlerContext): Promise<void> {}

      // @ts-expect-error -- an OrderCancelled handler cannot take OrderPlaced
      @OnEvent(OrderPlaced)
      async wrongEvent(_event: EventOf<typeof OrderCancelled>): Promise<void> {}

      // @ts-expect-error -- the second parameter is the HandlerContext
      @OnEvent(OrderPlaced)
      async wrongContext(
        _event: EventOf<typeof OrderPlaced>,
        _context: { tx: string },
      ): Promise<void> {}

      // @ts-expect-error -- a handler is asynchronous
      @OnEvent(OrderPlaced)
      synchronous(_event: EventOf<typeof OrderPlaced>): void {}
    }
    expect(onEventMetadataOf(Signatures.prototype.wrongEvent)?.event).toBe(OrderPlaced);
  });
});
