import type { EventHandler } from '@eventmart/eventing';
import type { InjectionToken } from '@nestjs/common';
import type { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import { onEventMetadataOf } from './on-event.decorator.js';

/** A module as the container holds it (the class is not part of Nest's public exports). */
export type ContainerModule = ModulesContainer extends Map<string, infer M> ? M : never;
type Wrapper = ReturnType<DiscoveryService['getProviders']>[number];

/** The module whose provider under `token` is `instance`: where a provider itself lives. */
export function moduleHosting(
  modules: ModulesContainer,
  token: InjectionToken,
  instance: object,
): ContainerModule {
  for (const module of modules.values()) {
    const wrapper = module.providers.get(token);
    if (wrapper?.instance === instance) return module;
  }
  throw new Error('the eventing feature module is not in the container');
}

/** The modules that list `imported` in their imports. */
export function importersOf(
  modules: ModulesContainer,
  imported: ContainerModule,
): ContainerModule[] {
  return [...modules.values()].filter((module) => module.imports.has(imported));
}

/**
 * Builds an EventHandler for every @OnEvent method of the given providers and controllers.
 * `wrap` lets the caller adapt the call (the Nest module scopes the transaction to its schema).
 */
export function handlersOf(
  wrappers: readonly Wrapper[],
  scanner: MetadataScanner,
  wrap: (call: EventHandler['handle']) => EventHandler['handle'] = (call) => call,
): EventHandler[] {
  const handlers: EventHandler[] = [];
  const seen = new Set<object>();
  for (const wrapper of wrappers) {
    if (wrapper.isAlias) continue;
    if (!wrapper.isDependencyTreeStatic() || wrapper.isTransient) {
      const prototype: unknown = wrapper.inject ? undefined : wrapper.metatype?.prototype;
      if (
        isObject(prototype) &&
        scanner.getAllMethodNames(prototype).some((m) => isHandler(prototype, m))
      ) {
        throw new Error(
          `${wrapper.name} has @OnEvent handlers but is request-scoped or transient: handlers need one instance`,
        );
      }
      continue;
    }
    const instance: unknown = wrapper.instance;
    if (!isObject(instance) || seen.has(instance)) continue;
    seen.add(instance);
    const prototype: unknown = Object.getPrototypeOf(instance);
    if (!isObject(prototype)) continue;
    for (const method of scanner.getAllMethodNames(prototype)) {
      const fn: unknown = Reflect.get(prototype, method);
      const metadata = onEventMetadataOf(fn);
      if (metadata === undefined || typeof fn !== 'function') continue;
      const call: EventHandler['handle'] = async (event, context) => {
        await (fn as EventHandler['handle']).call(instance, event, context);
      };
      handlers.push({
        name: metadata.name ?? `${instance.constructor.name}.${method}`,
        event: metadata.event,
        handle: wrap(call),
        ...(metadata.retry === undefined ? {} : { retry: metadata.retry }),
      });
    }
  }
  return handlers;
}

function isHandler(prototype: object, method: string): boolean {
  return onEventMetadataOf(Reflect.get(prototype, method)) !== undefined;
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
