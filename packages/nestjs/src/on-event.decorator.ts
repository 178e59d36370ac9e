import 'reflect-metadata';
import type { EventDefinition, EventOf } from '@eventmart/contracts';
import type { HandlerContext, RetryPolicy } from '@eventmart/eventing';

export interface OnEventOptions {
  /**
   * The handler's name within its service. It keys the inbox, so it must survive releases:
   * renaming the class or method changes the default (`ClassName.methodName`), and the events
   * already handled under the old name would be handled again. Set it to pin the name.
   */
  readonly name?: string;
  readonly retry?: Partial<RetryPolicy>;
}

/** What a method decorated with `@OnEvent(D)` must accept. */
export type EventHandlerMethod<D extends EventDefinition> = (
  event: EventOf<D>,
  context: HandlerContext,
) => Promise<unknown>;

export interface OnEventMetadata extends OnEventOptions {
  readonly event: EventDefinition;
}

const ON_EVENT = 'eventmart:on-event';

/**
 * Marks a provider method as the handler of one event type (one version) for the service
 * module the provider belongs to. The method's signature is checked against the definition:
 * `(event: EventOf<typeof D>, context: HandlerContext) => Promise<...>`.
 */
export function OnEvent<D extends EventDefinition>(event: D, options: OnEventOptions = {}) {
  return (
    target: object,
    method: string | symbol,
    descriptor: { value?: EventHandlerMethod<D> },
  ): void => {
    const where = `${typeof target === 'function' ? target.name : target.constructor.name}.${String(method)}`;
    if (typeof target === 'function')
      throw new Error(`@OnEvent on static method ${where}: use an instance method`);
    if (typeof descriptor.value !== 'function')
      throw new Error(`@OnEvent on ${where}, which is not a method`);
    if (Reflect.hasOwnMetadata(ON_EVENT, descriptor.value)) {
      throw new Error(`@OnEvent twice on ${where}: one method handles one event type`);
    }
    const metadata: OnEventMetadata = { event, ...options };
    Reflect.defineMetadata(ON_EVENT, metadata, descriptor.value);
  };
}

/** The @OnEvent metadata of a method, if it has some. */
export function onEventMetadataOf(method: unknown): OnEventMetadata | undefined {
  if (typeof method !== 'function') return undefined;
  return Reflect.getMetadata(ON_EVENT, method) as OnEventMetadata | undefined;
}
