// One eventmart service (or the gateway) as its own process: `main.ts <service>`.
// Configuration: docs/configuration.md. Stops gracefully on SIGTERM and SIGINT.
import { writeFileSync } from 'node:fs';
import { text } from './config/env.js';
import { parseProcessName, SERVICES, type ProcessName } from './config/services.js';
import { processLogger } from './process/process-logger.js';
import { readyLine } from './process/running-process.js';
import { startProcess } from './process/start-process.js';

function nameFromArguments(): ProcessName {
  try {
    return parseProcessName(process.argv[2]);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\nusage: main.ts <${SERVICES.join('|')}>\n`);
    process.exit(2);
  }
}

const name = nameFromArguments();
const logger = processLogger(name, process.env);
try {
  const running = await startProcess(name, process.env, logger);
  // For probes that cannot read logs (a container's readiness check): the file exists once
  // the process serves and its startup task is done, whether or not it has a port. Written
  // before the ready line, so whoever sees the line finds the file.
  const readyFile = text(process.env, 'EVENTMART_READY_FILE');
  if (readyFile !== undefined) writeFileSync(readyFile, `${readyLine(running)}\n`);
  logger.log(readyLine(running), 'Main');
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  logger.error(`could not start: ${message}`, error instanceof Error ? error.stack : '', 'Main');
  // Whatever was half opened (pools, sockets) must not keep a failed process alive.
  process.exit(1);
}
