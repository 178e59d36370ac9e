// `npm run chaos -- [options]`: a chaos run against the whole shop in distributed mode, and
// its report. See docs/chaos.md, and `npm run chaos -- --help`.
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseChaosArgs, USAGE, UsageError, type ChaosCommand } from './args.js';
import { renderReport } from './report/render-report.js';
import { runChaos } from './run-chaos.js';

const say = (line: string): void => void process.stdout.write(`${line}\n`);

function command(): ChaosCommand {
  try {
    return parseChaosArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
}

const parsed = command();
if (parsed.kind === 'help') {
  say(USAGE);
  process.exit(0);
}
const { options } = parsed;
const logFile = options.logFile ?? join(tmpdir(), `eventmart-chaos-${String(Date.now())}.log`);
const log = createWriteStream(logFile);
say(`the processes' output goes to ${logFile}`);
try {
  const report = await runChaos(options, { say, processOutput: (line) => log.write(`${line}\n`) });
  say(`\n${renderReport(report)}`);
  if (options.reportFile !== undefined) {
    await writeFile(options.reportFile, `${JSON.stringify(report, null, 2)}\n`);
    say(`report written to ${options.reportFile}`);
  }
  process.exitCode = report.ok ? 0 : 1;
} catch (error) {
  say(
    `the chaos run could not be carried out: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exitCode = 1;
} finally {
  log.end();
}
