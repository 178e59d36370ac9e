import { describe, expect, it } from 'vitest';
import type { HandlerContext } from '../event-handler.js';
import { callHandler, composeTry, type TryMiddleware } from './pipeline.js';
import { handlerOf, noTx, validDelivery } from './steps.fixture.js';

describe('a try composed of middlewares', () => {
  it('runs them first to last around the handler, which gets its transaction and cause', async () => {
    const order: string[] = [];
    const around =
      (name: string): TryMiddleware =>
      (next) =>
      async (attempt) => {
        order.push(`${name} in`);
        const outcome = await next(attempt);
        order.push(`${name} out`);
        return outcome;
      };
    let context: HandlerContext | undefined;
    const handler = handlerOf('reserve', (_event, given) => {
      order.push('handler');
      context = given;
      return Promise.resolve();
    });
    const delivery = validDelivery(handler);
    const tryHandler = composeTry([around('inbox'), around('faults')], callHandler);
    expect(await tryHandler({ ...delivery, tx: noTx, attempt: 2 })).toBe('processed');
    expect(order).toEqual(['inbox in', 'faults in', 'handler', 'faults out', 'inbox out']);
    expect(context).toEqual({
      tx: noTx,
      cause: delivery.event,
      message: delivery.message,
      attempt: 2,
    });
  });
});
