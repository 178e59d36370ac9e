import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { WireHeader } from './wire-record.js';

const toolDir = fileURLToPath(new URL('../../tools/kafka-raw-produce/', import.meta.url));

let building: Promise<string> | undefined;

/** tools/kafka-raw-produce/bin/kafka-raw-produce, built first (once per process) by its build.sh. */
function producerBinary(): Promise<string> {
  return (building ??= new Promise<string>((resolve, reject) => {
    execFile('bash', [`${toolDir}build.sh`], { timeout: 120_000 }, (error, _stdout, stderr) => {
      if (error === null) resolve(`${toolDir}bin/kafka-raw-produce`);
      else reject(new Error(`cannot build kafka-raw-produce: ${stderr.trim() || error.message}`));
    });
  }));
}

export interface RawKafkaRecord {
  readonly topic: string;
  readonly partition: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: readonly WireHeader[];
}

export type RawAnswer = { partition: number; offset: string } | { error: string };

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};
const field = (bytes: Buffer | null) => (bytes === null ? [u32(-1)] : [u32(bytes.length), bytes]);

/** The records in the helper's input framing (see kafka-raw-produce.c). */
export function encodeRawRecords(records: readonly RawKafkaRecord[]): Buffer {
  const parts: Buffer[] = [];
  for (const record of records) {
    const topic = Buffer.from(record.topic, 'utf8');
    parts.push(u32(topic.length), topic, u32(record.partition));
    parts.push(...field(record.key), ...field(record.value), u32(record.headers.length));
    for (const header of record.headers)
      parts.push(...field(Buffer.from(header.name, 'utf8')), ...field(header.value));
  }
  return Buffer.concat(parts);
}

/**
 * Produces the records with librdkafka, byte for byte (null header values included, which
 * kafkajs cannot send); answers, per record in the order given, where it landed or why not.
 */
export async function produceRaw(
  brokers: readonly string[],
  records: readonly RawKafkaRecord[],
): Promise<RawAnswer[]> {
  const binary = await producerBinary();
  const child = spawn(binary, [brokers.join(',')], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
  child.stdin.end(encodeRawRecords(records));
  const code = await exited;
  if (code !== 0) throw new Error(`kafka-raw-produce exited with ${String(code)}: ${stderr}`);
  const answers: RawAnswer[] = records.map(() => ({ error: 'no answer' }));
  for (const line of stdout.split('\n')) {
    const match = /^(\d+) (?:(\d+) (\d+)|ERR (.*))$/.exec(line);
    if (match === null) continue;
    const index = Number(match[1]);
    answers[index] =
      match[4] === undefined
        ? { partition: Number(match[2]), offset: match[3] ?? '' }
        : { error: match[4] };
  }
  return answers;
}
