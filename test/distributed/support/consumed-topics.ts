import { SERVICES, serviceModule, type ServiceName } from '@eventmart/distributed';
import { onEventMetadataOf } from '@eventmart/nestjs';
import type { DynamicModule, Provider, Type } from '@nestjs/common';

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
 * The topics each service's @OnEvent handlers read, from the handlers themselves: the consumer
 * group named after the service reads exactly these.
 */
export async function consumedTopics(): Promise<Map<ServiceName, Set<string>>> {
  const env = { JWT_SECRET: 'only-looking-at-the-handlers-0123456789abcdef' };
  const result = new Map<ServiceName, Set<string>>();
  for (const service of SERVICES) {
    if (service === 'gateway') continue;
    const topics = new Set<string>();
    for (const type of declaredClasses(await serviceModule(service, env, {}))) {
      const prototype = type.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const metadata = onEventMetadataOf(prototype[name]);
        if (metadata !== undefined) topics.add(metadata.event.topic);
      }
    }
    result.set(service, topics);
  }
  return result;
}
