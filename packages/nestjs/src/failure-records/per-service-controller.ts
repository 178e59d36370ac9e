import type { Type } from '@nestjs/common';

const made = new Map<string, Type>();

/**
 * The controller class of one feature (`DeadLetterRpc`, `ParkedEventRpc`) for one service,
 * made once. Pattern names are fixed when a decorator runs, so each service needs its own
 * class; making it once per name keeps identical `forFeature` options identical, and Nest
 * then keeps making one module of them. The class is named after both, for Nest's logs.
 */
export function perServiceController(service: string, feature: string, make: () => Type): Type {
  const name = `${service.replace(/(^|[-_.])(\w)/g, (_, __, c: string) => c.toUpperCase())}${feature}Controller`;
  const existing = made.get(name);
  if (existing !== undefined) return existing;
  const controller = make();
  Object.defineProperty(controller, 'name', { value: name });
  made.set(name, controller);
  return controller;
}
