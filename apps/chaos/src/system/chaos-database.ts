import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase } from '@eventmart/distributed';

export interface ChaosDatabase {
  readonly name: string;
  /** The run's database, on the server of the URL it was made from. */
  readonly url: string;
  /** Drops it, disconnecting whoever is still on it; safe to call twice. */
  drop(): Promise<void>;
}

/**
 * A database of its own for one run (`eventmart_chaos_<time>_<random>`), on the server that
 * `serverUrl` names: the services' schemas, the event log and nothing else, so the harness may
 * terminate every connection to it without touching anything else on the server.
 */
export async function createChaosDatabase(serverUrl: string): Promise<ChaosDatabase> {
  const name = `eventmart_chaos_${String(Date.now())}_${randomBytes(3).toString('hex')}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await ensureDatabase(url.toString());
  let dropped: Promise<void> | undefined;
  return { name, url: url.toString(), drop: () => (dropped ??= dropDatabase(url.toString())) };
}
