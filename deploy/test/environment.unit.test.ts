import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { envPrefix, SERVICES, type ProcessName } from '@eventmart/distributed';
import { describe, expect, it } from 'vitest';
import { processFacts } from '../generate/processes.js';
import {
  composeFile,
  kustomizeAvailable,
  OVERLAYS,
  render,
  ROOT,
  type K8sObject,
} from './deploy-files.js';

/** What a service process reads from the environment (the local launcher's supervisor aside). */
const READERS = [
  'apps/distributed/src/config',
  'apps/distributed/src/process',
  'apps/distributed/src/main.ts',
  'packages/transport-kafka/src/kafka-config-from-env.ts',
  'services/payment/src/application/payment-settings.ts',
  'packages/postgres/src/open-database.ts',
  'packages/eventing/src/consumer/retry-settings.ts',
];
const PATTERNS = [
  /\b(?:text|required|integer|port|flag)\(\s*(?:process\.)?env,\s*'([A-Z][A-Z0-9_]*)'/g,
  /\benv\.([A-Z][A-Z0-9_]*)\b/g,
  /\bread\.\w+\(\s*'([A-Z][A-Z0-9_]*)'/g,
];

async function readByServices(): Promise<Set<string>> {
  const read = new Set<string>();
  for (const path of READERS) {
    const full = join(ROOT, path);
    const files = path.endsWith('.ts')
      ? [full]
      : (await readdir(full, { recursive: true }))
          .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
          .map((file) => join(full, file));
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      for (const pattern of PATTERNS)
        for (const [, name] of text.matchAll(pattern)) read.add(name ?? '');
    }
  }
  // `${envPrefix(service)}_RPC_HOST` and friends: one variable per service.
  for (const name of SERVICES)
    for (const suffix of ['DATABASE_URL', 'RPC_HOST', 'RPC_PORT'])
      read.add(`${envPrefix(name)}_${suffix}`);
  return read;
}

/**
 * What a process cannot do without in a container, whatever the code defaults to: the brokers
 * (else it falls back to a Postgres event log), its database, an address others can reach, the
 * gateway's way to every service, the user service's shared secrets, the notification's SMTP.
 */
function needed(name: ProcessName): string[] {
  const { port, database, smtp, secrets } = processFacts(name);
  const vars = name === 'gateway' ? ['HOST', 'PORT'] : ['KAFKA_BROKERS', 'KAFKA_PROVISION_TOPICS'];
  if (database) vars.push('DATABASE_URL');
  if (port !== undefined && name !== 'gateway')
    vars.push('RPC_LISTEN_HOST', `${envPrefix(name)}_RPC_PORT`);
  if (name === 'gateway')
    for (const other of SERVICES)
      if (other !== 'gateway' && processFacts(other).port !== undefined)
        vars.push(`${envPrefix(other)}_RPC_HOST`, `${envPrefix(other)}_RPC_PORT`);
  if (smtp) vars.push('SMTP_URL');
  return [...vars, ...Object.keys(secrets)];
}

function composeVariables(name: ProcessName): string[] {
  return Object.keys(composeFile().services[name]?.environment ?? {}).sort();
}

function kubernetesVariables(objects: readonly K8sObject[], name: ProcessName): string[] {
  const deployment = objects.find(
    (o) => o.kind === 'Deployment' && o.metadata.name === `eventmart-${name}`,
  );
  const template = deployment?.spec?.template as
    | {
        spec: {
          containers: {
            env?: { name: string }[];
            envFrom?: { configMapRef?: { name: string } }[];
          }[];
        };
      }
    | undefined;
  const container = template?.spec.containers[0];
  const fromMaps = (container?.envFrom ?? []).flatMap((source) => {
    const map = objects.find(
      (o) => o.kind === 'ConfigMap' && o.metadata.name === source.configMapRef?.name,
    );
    expect(map, `ConfigMap ${String(source.configMapRef?.name)}`).toBeDefined();
    return Object.keys(map?.data ?? {});
  });
  return [...new Set([...fromMaps, ...(container?.env ?? []).map((e) => e.name)])].sort();
}

describe('the environment of every process', () => {
  it.each(SERVICES)(
    '%s: Compose sets what it needs, and only variables the code reads',
    async (name) => {
      const read = await readByServices();
      const set = composeVariables(name);
      expect(set.filter((variable) => variable !== 'SERVICE' && !read.has(variable))).toEqual([]);
      expect(needed(name).filter((variable) => !set.includes(variable))).toEqual([]);
    },
  );

  describe.runIf(kustomizeAvailable() || process.env.CI === 'true').each(OVERLAYS)(
    'Kubernetes, %s',
    (overlay) => {
      const objects = render(overlay);
      it.each(SERVICES)('%s gets the same variables as in Compose', (name) => {
        const inKubernetes = kubernetesVariables(objects, name);
        // What an overlay adds for its environment (TLS to the brokers, debug logs).
        const overlayOnly = ['KAFKA_SSL', 'NEST_LOG_LEVEL'];
        expect(inKubernetes.filter((v) => !overlayOnly.includes(v))).toEqual(
          composeVariables(name),
        );
      });
    },
  );
});
