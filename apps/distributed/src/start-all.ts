// `npm run start:distributed`: the whole shop locally, one process per service and one for
// the gateway, against DATABASE_URL (created if missing) and Kafka if KAFKA_BROKERS is set.
// Ctrl-C stops them all gracefully. See docs/distributed.md.
import { resolve } from 'node:path';
import { text } from './config/env.js';
import { DEFAULT_LOCAL_DATABASE_URL } from './config/services.js';
import { DEFAULT_ADMIN_EMAIL } from './process/startup-tasks.js';
import { launchDistributedSet } from './supervisor/distributed-set.js';
import { ensureDatabase, redact } from './supervisor/ensure-database.js';
import { localSecrets } from './supervisor/local-secrets.js';

const say = (line: string): void => void process.stdout.write(`${line}\n`);
const databaseUrl = text(process.env, 'DATABASE_URL') ?? DEFAULT_LOCAL_DATABASE_URL;
const dataDir = resolve(text(process.env, 'EVENTMART_DATA_DIR') ?? '.eventmart-data');
const kafka = text(process.env, 'KAFKA_BROKERS');

try {
  if (await ensureDatabase(databaseUrl)) say(`created the database ${redact(databaseUrl)}`);
  const secrets = localSecrets(process.env, dataDir);
  const set = launchDistributedSet(
    {
      ...process.env,
      DATABASE_URL: databaseUrl,
      JWT_SECRET: secrets.jwtSecret,
      ADMIN_PASSWORD: secrets.adminPassword,
    },
    { colours: process.stdout.isTTY === true },
  );
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    // npm and the terminal may both pass on one Ctrl-C: the first one counts.
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping every process…`);
    void set.supervisor.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const url = await set.ready;
  const email = text(process.env, 'ADMIN_EMAIL') ?? DEFAULT_ADMIN_EMAIL;
  say(
    [
      'eventmart is running (distributed mode: one process per service)',
      `  API        ${url}`,
      `  API docs   ${url}/docs`,
      `  database   ${redact(databaseUrl)}`,
      `  events     ${kafka === undefined ? 'Postgres event log' : `Kafka at ${kafka}`}`,
      `  admin      ${email}` +
        (secrets.adminPasswordCreated
          ? ` / ${secrets.adminPassword} (generated; kept in ${dataDir}/admin-password)`
          : ''),
      'Stop with Ctrl-C; nothing is restarted automatically.',
    ].join('\n'),
  );
} catch (error) {
  say(`could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
