import type { RpcService } from '@eventmart/gateway';

/** What `main.ts <service>` runs: one service, or the gateway in front of them. */
export const SERVICES = [
  'user',
  'inventory',
  'order',
  'fulfillment',
  'notification',
  'payment',
  'gateway',
] as const;
export type ProcessName = (typeof SERVICES)[number];
export type ServiceName = Exclude<ProcessName, 'gateway'>;

/**
 * The TCP port of each service the gateway calls: every service, payment included (it answers
 * for its dead letters and parked events).
 */
export const DEFAULT_RPC_PORTS: Readonly<Record<RpcService, number>> = Object.freeze({
  user: 4001,
  inventory: 4002,
  order: 4003,
  fulfillment: 4004,
  notification: 4005,
  payment: 4006,
});

export const DEFAULT_HTTP_PORT = 3000;

export function parseProcessName(value: string | undefined): ProcessName {
  const found = SERVICES.find((name) => name === value);
  if (found === undefined) {
    throw new Error(`which service? expected one of ${SERVICES.join(', ')}, got ${String(value)}`);
  }
  return found;
}

/** `inventory` → `INVENTORY`: the prefix of a service's own variables. */
export const envPrefix = (name: ProcessName): string => name.toUpperCase();

/** What `npm run start:distributed` uses without DATABASE_URL (created if missing). */
export const DEFAULT_LOCAL_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/eventmart';
