import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const toolDir = fileURLToPath(new URL('../../../../tools/kafka-mock/', import.meta.url));
const buildScript = `${toolDir}build.sh`;
const builtBinary = `${toolDir}bin/kafka-mock`;

let building: Promise<string> | undefined;

/**
 * The path of the kafka-mock helper: KAFKA_MOCK_BIN if set (used as is), else
 * tools/kafka-mock/bin/kafka-mock, built first by tools/kafka-mock/build.sh (a no-op when up
 * to date; once per process). Rejects with the reason the helper is unavailable.
 */
export function kafkaMockBinary(): Promise<string> {
  return (building ??= locate());
}

async function locate(): Promise<string> {
  const configured = process.env.KAFKA_MOCK_BIN;
  if (configured !== undefined && configured !== '') {
    try {
      await access(configured, constants.X_OK);
    } catch {
      throw new Error(`KAFKA_MOCK_BIN=${configured} is not an executable file`);
    }
    return configured;
  }
  await new Promise<void>((resolve, reject) => {
    execFile('bash', [buildScript], { timeout: 120_000 }, (error, _stdout, stderr) => {
      if (error === null) resolve();
      else
        reject(
          new Error(
            `cannot build the kafka-mock helper (${buildScript}): ${stderr.trim() || error.message}`,
          ),
        );
    });
  });
  return builtBinary;
}
