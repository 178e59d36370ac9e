import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_TOPICS } from '@eventmart/contracts';
import { describe, expect, it } from 'vitest';
import { composeFile, DEPLOY, kustomizeAvailable, OVERLAYS, render } from './deploy-files.js';

const SCRIPT = `${DEPLOY}k8s/base/topics/create-topics.sh`;

/** Runs the script with a kafka-topics.sh that records its arguments, one call a line. */
function runScript(env: Record<string, string>): string[][] {
  const dir = mkdtempSync(join(tmpdir(), 'eventmart-topics-'));
  const fake = join(dir, 'kafka-topics.sh');
  writeFileSync(fake, `#!/bin/sh\necho "$*" >> ${dir}/calls\n`);
  chmodSync(fake, 0o755);
  execFileSync('sh', [SCRIPT], { env: { PATH: process.env.PATH, KAFKA_TOPICS_BIN: fake, ...env } });
  return readFileSync(`${dir}/calls`, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(' '));
}

const option = (call: string[], name: string): string | undefined => call[call.indexOf(name) + 1];

describe('the topic job', () => {
  it('creates exactly the catalog topics, if missing, with the partitions and replication asked', () => {
    const calls = runScript({
      KAFKA_BROKERS: 'k1:9092,k2:9092',
      KAFKA_TOPIC_PARTITIONS: '6',
      KAFKA_TOPIC_REPLICATION_FACTOR: '2',
    });
    expect(calls.map((call) => option(call, '--topic')).sort()).toEqual([...ALL_TOPICS].sort());
    for (const call of calls) {
      expect(call).toContain('--create');
      expect(call).toContain('--if-not-exists');
      expect(option(call, '--bootstrap-server')).toBe('k1:9092,k2:9092');
      expect(option(call, '--partitions')).toBe('6');
      expect(option(call, '--replication-factor')).toBe('2');
    }
  });

  it('refuses to run without brokers', () => {
    expect(() => runScript({})).toThrow(/KAFKA_BROKERS/);
  });

  it('is the script Compose runs before every service', () => {
    const { services } = composeFile();
    expect(services.topics?.volumes).toContain(
      '../k8s/base/topics/create-topics.sh:/scripts/create-topics.sh:ro',
    );
    for (const [name, service] of Object.entries(services))
      if (service.environment?.DATABASE_URL !== undefined)
        expect(service.depends_on?.topics, name).toEqual({
          condition: 'service_completed_successfully',
        });
  });

  it.runIf(kustomizeAvailable() || process.env.CI === 'true').each(OVERLAYS)(
    'is the script the Kubernetes Job of %s mounts',
    (overlay) => {
      const objects = render(overlay);
      const script = objects.find(
        (o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('eventmart-topics'),
      );
      expect(script?.data?.['create-topics.sh']).toBe(readFileSync(SCRIPT, 'utf8'));
      const job = objects.find((o) => o.kind === 'Job');
      expect(JSON.stringify(job?.spec)).toContain(script?.metadata.name);
    },
  );
});
