import { Semaphore } from '@eventmart/eventing';
import type { ShopClient } from './shop-client.js';

const PASSWORD = 'chaos-customer-password-1';

/** Password hashing takes the user service a while: this many registrations or logins at once. */
const AT_ONCE = 2;

/** Logs in; answers a client carrying the access token. */
export async function logIn(
  client: ShopClient,
  email: string,
  password: string,
): Promise<ShopClient> {
  const login = await client.post<{ accessToken?: string }>('/auth/login', { email, password });
  const token = login.body.accessToken;
  if (login.status !== 200 || token === undefined) {
    throw new Error(
      `${email} could not log in: ${String(login.status)} ${JSON.stringify(login.body)}`,
    );
  }
  return client.as(token);
}

/**
 * Registers `count` customers through the API (`tag` keeps the addresses of two runs apart)
 * and logs each in, a few at a time. Registering is tried again while the user service is
 * down or slow; a repeat that finds the address taken (the first try went through) counts.
 */
export async function registerCustomers(
  client: ShopClient,
  count: number,
  tag: string,
): Promise<ShopClient[]> {
  const slots = new Semaphore(AT_ONCE);
  return await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      await slots.acquire();
      try {
        const email = `chaos-${tag}-${String(i)}@example.com`;
        const registered = await client.post('/auth/register', {
          email,
          password: PASSWORD,
          name: `Chaos Customer ${String(i)}`,
        });
        if (registered.status !== 201 && registered.status !== 409) {
          throw new Error(
            `could not register ${email}: ${String(registered.status)} ${JSON.stringify(registered.body)}`,
          );
        }
        return await logIn(client, email, PASSWORD);
      } finally {
        slots.release();
      }
    }),
  );
}
