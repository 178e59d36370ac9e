import { loadConfig } from './config.js';
import { DOCS_PATH, startEmbedded } from './start-embedded.js';

const config = loadConfig();
const system = await startEmbedded(config);
const lines = [
  `eventmart is running (embedded mode: every service in this process)`,
  `  API        ${system.url}`,
  `  API docs   ${system.url}/${DOCS_PATH.replace(/^\//, '')}`,
  `  data       ${config.databaseUrl === undefined ? `${config.dataDir}/db (PGlite)` : 'DATABASE_URL'}`,
  `  admin      ${config.admin.email}` +
    (config.admin.generated
      ? ` / ${config.admin.password} (generated; kept in ${config.dataDir}/admin-password)`
      : ''),
  `Stop with Ctrl-C; unfinished orders carry on at the next start.`,
];
process.stdout.write(`${lines.join('\n')}\n`);
