import { serviceModule, type ServiceName } from '@eventmart/distributed';
import { onEventMetadataOf } from '@eventmart/nestjs';
import type { DynamicModule, Provider, Type } from '@nestjs/common';
import { BACKEND_SERVICES } from '../system/distributed-shop.js';

/** One @OnEvent handler of a service, as its consumer runs it. */
export interface ServiceHandler {
  readonly service: ServiceName;
  /** Its inbox and dead-letter key: `service.handler`. */
  readonly consumer: string;
  readonly type: string;
  readonly version: number;
  readonly topic: string;
}

type Providers = readonly (Provider | Type)[];

/** The classes a module declares as providers and controllers (not those it imports). */
function declaredClasses(module: DynamicModule | Type): Type[] {
  const dynamic: DynamicModule = 'module' in module ? module : { module };
  const metadata = (key: string): Providers =>
    (Reflect.getMetadata(key, dynamic.module) as Providers | undefined) ?? [];
  const lists: Providers[] = [
    metadata('providers'),
    metadata('controllers'),
    dynamic.providers ?? [],
    dynamic.controllers ?? [],
  ];
  return lists.flat().flatMap((provider) => {
    if (typeof provider === 'function') return [provider];
    if ('useClass' in provider) return [provider.useClass];
    return [];
  });
}

/**
 * Every service's @OnEvent handlers, read from the handlers themselves (the service modules
 * are loaded, not started): the consumer group named after a service reads exactly their
 * topics, and each handler keeps its own inbox. A handler's name is its `name` option, else
 * `Class.method`, as @eventmart/nestjs names it.
 */
export async function serviceHandlers(): Promise<ServiceHandler[]> {
  const env = { JWT_SECRET: 'only-looking-at-the-handlers-0123456789abcdef' };
  const handlers: ServiceHandler[] = [];
  for (const service of BACKEND_SERVICES) {
    for (const type of declaredClasses(await serviceModule(service, env, {}))) {
      const prototype = type.prototype as Record<string, unknown>;
      for (const method of Object.getOwnPropertyNames(prototype)) {
        const metadata = onEventMetadataOf(prototype[method]);
        if (metadata === undefined) continue;
        handlers.push({
          service,
          consumer: `${service}.${metadata.name ?? `${type.name}.${method}`}`,
          type: metadata.event.type,
          version: metadata.event.version,
          topic: metadata.event.topic,
        });
      }
    }
  }
  return handlers;
}

/** The topics each service's consumer group reads. */
export function topicsByService(
  handlers: readonly ServiceHandler[],
): Map<ServiceName, Set<string>> {
  const topics = new Map<ServiceName, Set<string>>();
  for (const handler of handlers) {
    const set = topics.get(handler.service) ?? new Set<string>();
    set.add(handler.topic);
    topics.set(handler.service, set);
  }
  return topics;
}
