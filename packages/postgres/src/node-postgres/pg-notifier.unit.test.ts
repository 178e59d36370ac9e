import { describe, expect, it } from 'vitest';
import { PgNotifier } from './pg-notifier.js';

// Port 1 on localhost refuses at once: no server needed.
const unreachable = 'postgres://postgres@127.0.0.1:1/postgres';

describe('PgNotifier without a server', () => {
  it('rejects the first listen when it cannot connect, and can be closed', async () => {
    const notifier = new PgNotifier({ url: unreachable });
    await expect(notifier.listen('c', () => undefined)).rejects.toThrow(/ECONNREFUSED/);
    await expect(notifier.listen('c', () => undefined)).rejects.toThrow(/ECONNREFUSED/);
    await notifier.close();
    await expect(notifier.listen('c', () => undefined)).rejects.toThrow('closed');
  });
});
