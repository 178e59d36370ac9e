import { deadLetterPatterns } from '@eventmart/contracts';
import { RpcCallFailed } from '@eventmart/nest-rpc';
import { describe, expect, it } from 'vitest';
import { serviceOf, ServicesClient } from './services.client.js';

describe('ServicesClient', () => {
  it('knows the service of a dead-letter pattern, payment included', () => {
    expect(serviceOf(deadLetterPatterns('payment').list)).toBe('payment');
    expect(() => serviceOf(deadLetterPatterns('shipping').list)).toThrow('no service is known');
  });

  it('fails a call to a service it was given no client for as a transport fault (503)', async () => {
    const client = new ServicesClient(new Map(), { clients: { customClass: class {} } as never });
    const call = client.call(deadLetterPatterns('payment').list, {});
    await expect(call).rejects.toBeInstanceOf(RpcCallFailed);
    await expect(call).rejects.toMatchObject({ kind: 'TRANSPORT' });
    await expect(call).rejects.toThrow('the gateway has no client for the payment service');
  });
});
