import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from './gateway-config.js';
import { loadServiceConfig } from './service-config.js';

const DATABASE_URL = 'postgres://db/eventmart';

describe('service process configuration', () => {
  it('needs DATABASE_URL, unless the service has a database of its own', () => {
    expect(() => loadServiceConfig('order', {})).toThrow('DATABASE_URL is required');
    expect(loadServiceConfig('order', { ORDER_DATABASE_URL: 'postgres://o/x' }).databaseUrl).toBe(
      'postgres://o/x',
    );
    expect(
      loadServiceConfig('order', { DATABASE_URL, INVENTORY_DATABASE_URL: 'postgres://i/x' })
        .databaseUrl,
    ).toBe(DATABASE_URL);
  });

  it('serves RPC on the default port of each service, payment included', () => {
    const ports = ['user', 'inventory', 'order', 'fulfillment', 'notification', 'payment'].map(
      (service) => loadServiceConfig(service as 'user', { DATABASE_URL }).rpc.port,
    );
    expect(ports).toEqual([4001, 4002, 4003, 4004, 4005, 4006]);
    expect(loadServiceConfig('payment', { DATABASE_URL, PAYMENT_RPC_PORT: '5006' }).rpc).toEqual({
      host: '127.0.0.1',
      port: 5006,
    });
  });

  it('takes the port and host from <SERVICE>_RPC_*, and RPC_LISTEN_HOST for the bind address', () => {
    const env = { DATABASE_URL, USER_RPC_PORT: '5001', USER_RPC_HOST: 'user.internal' };
    expect(loadServiceConfig('user', env).rpc).toEqual({ host: 'user.internal', port: 5001 });
    expect(loadServiceConfig('user', { ...env, RPC_LISTEN_HOST: '0.0.0.0' }).rpc).toEqual({
      host: '0.0.0.0',
      port: 5001,
    });
  });

  it('refuses a value that is not a port or a pool size', () => {
    expect(() => loadServiceConfig('user', { DATABASE_URL, USER_RPC_PORT: 'abc' })).toThrow(
      'USER_RPC_PORT must be a whole number',
    );
    expect(() => loadServiceConfig('user', { DATABASE_URL, USER_RPC_PORT: '70000' })).toThrow(
      'USER_RPC_PORT must be a TCP port',
    );
    expect(() => loadServiceConfig('user', { DATABASE_URL, DATABASE_POOL_SIZE: '0' })).toThrow(
      'DATABASE_POOL_SIZE',
    );
  });
});

describe('gateway process configuration', () => {
  it('serves HTTP on PORT (3000) and reaches every service at its host and port', () => {
    const config = loadGatewayConfig({
      PORT: '8080',
      ORDER_RPC_HOST: 'order',
      ORDER_RPC_PORT: '7',
    });
    expect(config.http).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(config.services).toEqual({
      user: { host: '127.0.0.1', port: 4001 },
      inventory: { host: '127.0.0.1', port: 4002 },
      order: { host: 'order', port: 7 },
      fulfillment: { host: '127.0.0.1', port: 4004 },
      notification: { host: '127.0.0.1', port: 4005 },
      payment: { host: '127.0.0.1', port: 4006 },
    });
    expect(config.rpcTimeoutMs).toBe(5_000);
    expect(loadGatewayConfig({}).http.port).toBe(3000);
  });
});
