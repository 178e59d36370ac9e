import { createServer } from 'node:net';

/**
 * A TCP port nobody listens on right now, from the system's ephemeral range. Knowing the
 * services' ports before they start lets the gateway start beside them instead of after.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
