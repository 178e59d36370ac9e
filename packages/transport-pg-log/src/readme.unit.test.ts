import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { openDatabase } from '@eventmart/postgres';
import { PgLogTransport } from './index.js';
import { waitUntil } from './test-support.js';

const readme = fileURLToPath(new URL('../README.md', import.meta.url));
const thisFile = fileURLToPath(import.meta.url);

/** The lines between `// #region name` and `// #endregion` of this file, dedented. */
async function region(name: string): Promise<string> {
  const text = await readFile(thisFile, 'utf8');
  const body = text.split(`// #region ${name}\n`)[1]?.split('// #endregion')[0] ?? '';
  const lines = body.trimEnd().split('\n');
  const indent = Math.min(
    ...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)?.[0].length ?? 0),
  );
  return lines.map((line) => line.slice(indent)).join('\n');
}

it('runs the README examples, which the README shows verbatim', async () => {
  const received: string[] = [];
  // #region open
  // A folder keeps the log across restarts; { url: 'postgres://…' } shares it between processes.
  const transport = await PgLogTransport.open({ dataDir: 'memory://' });
  const subscription = await transport.subscribe(
    { group: 'billing', topics: ['order.placed'], startFrom: 'earliest' },
    async (message) => {
      received.push(message.value); // resolving acknowledges; throwing redelivers later
    },
  );
  await transport.publish([
    { topic: 'order.placed', key: 'o-1', headers: {}, value: '{"total":"12.50"}' },
  ]);
  // #endregion
  await waitUntil('the handler ran', () => received.length === 1);
  // #region close
  await subscription.close(); // handlers in flight finish, the position is stored
  await transport.close(); // and closes the database it opened
  // #endregion
  expect(received).toEqual(['{"total":"12.50"}']);

  // #region existing
  const database = await openDatabase({ dataDir: 'memory://' });
  const onExisting = new PgLogTransport(database, { schema: 'eventlog', partitions: 16 });
  await onExisting.publish([{ topic: 'order.placed', key: 'o-2', headers: {}, value: '{}' }]);
  await onExisting.close(); // leaves the database open
  await database.close();
  // #endregion

  const text = await readFile(readme, 'utf8');
  for (const name of ['open', 'close', 'existing']) expect(text).toContain(await region(name));
});
