import {
  DEFAULT_HTTP_PORT,
  DEFAULT_RPC_PORTS,
  envPrefix,
  SERVICES,
  type ProcessName,
} from '@eventmart/distributed';

/** What a deployment needs to know about one process of `apps/distributed`. */
export interface ProcessFacts {
  readonly name: ProcessName;
  /** The port it serves (HTTP for the gateway, NestJS TCP for a service), if any. */
  readonly port?: number;
  /** Whether it reads events, and so scales with the partitions (docs/distributed.md). */
  readonly consumes: boolean;
  /** Its variables that are secrets: the variable → the key in the `eventmart-secrets` Secret. */
  readonly secrets: Readonly<Record<string, string>>;
  /** Whether it keeps state in PostgreSQL (every process but the gateway). */
  readonly database: boolean;
  /** Whether it sends e-mail (SMTP egress). */
  readonly smtp: boolean;
}

/** The processes that read no events: the user service answers calls only; the gateway too. */
const NOT_CONSUMING: readonly ProcessName[] = ['user', 'gateway'];

/** `user` → `database-url-user`: each service has a database of its own. */
export const databaseSecretKey = (name: ProcessName): string => `database-url-${name}`;

export function processFacts(name: ProcessName): ProcessFacts {
  const secrets: Record<string, string> = {};
  if (name !== 'gateway') secrets.DATABASE_URL = databaseSecretKey(name);
  if (name === 'user')
    Object.assign(secrets, { JWT_SECRET: 'jwt-secret', ADMIN_PASSWORD: 'admin-password' });
  if (name === 'notification') secrets.SMTP_URL = 'smtp-url';
  return {
    name,
    port: name === 'gateway' ? DEFAULT_HTTP_PORT : DEFAULT_RPC_PORTS[name],
    consumes: !NOT_CONSUMING.includes(name),
    secrets,
    database: name !== 'gateway',
    smtp: name === 'notification',
  };
}

export const PROCESSES: readonly ProcessFacts[] = SERVICES.map(processFacts);

/**
 * The settings every process gets (a ConfigMap in Kubernetes, `x-config` in Compose): where the
 * brokers are, where each service answers, and that the topic job, not the services, creates
 * the topics. Values differ per environment; the names do not.
 */
export function sharedConfig(kafkaBrokers: string): Record<string, string> {
  const config: Record<string, string> = {
    KAFKA_BROKERS: kafkaBrokers,
    KAFKA_PROVISION_TOPICS: 'false',
    RPC_LISTEN_HOST: '0.0.0.0',
    HOST: '0.0.0.0',
    PORT: String(DEFAULT_HTTP_PORT),
    ADMIN_EMAIL: 'admin@eventmart.local',
  };
  for (const facts of PROCESSES)
    if (facts.name !== 'gateway' && facts.port !== undefined) {
      config[`${envPrefix(facts.name)}_RPC_HOST`] = facts.name;
      config[`${envPrefix(facts.name)}_RPC_PORT`] = String(facts.port);
    }
  return config;
}

/** Where a process writes that it is ready (apps/distributed/src/main.ts); the probes read it. */
export const READY_FILE = '/tmp/eventmart-ready';
