import { DOCS_JSON_PATH } from '@eventmart/gateway';
import { stringify } from 'yaml';
import { PROCESSES, READY_FILE, type ProcessFacts } from './processes.js';

/** What a consumer may scale to: a partition is read by one member of a group at a time. */
const MAX_CONSUMER_REPLICAS = 12;
const KAFKA_PORT = 9092;
const POSTGRES_PORT = 5432;
const SMTP_PORTS = [25, 465, 587, 1025];

const labels = (name: string): Record<string, string> => ({
  'app.kubernetes.io/name': 'eventmart',
  'app.kubernetes.io/component': name,
});

const readyFileProbe = { exec: { command: ['test', '-f', READY_FILE] } };

/** Ready: the process wrote its ready file (it serves and its startup task is done). */
function probes(facts: ProcessFacts): Record<string, unknown> {
  const alive = facts.port === undefined ? readyFileProbe : { tcpSocket: { port: facts.port } };
  const ready =
    facts.name === 'gateway'
      ? { httpGet: { path: `/${DOCS_JSON_PATH}`, port: facts.port } }
      : readyFileProbe;
  return {
    // Migrations and startup tasks run before the ready file: up to 2 minutes.
    startupProbe: { ...readyFileProbe, periodSeconds: 2, failureThreshold: 60 },
    readinessProbe: { ...ready, periodSeconds: 5, failureThreshold: 3 },
    livenessProbe: { ...alive, periodSeconds: 10, failureThreshold: 3 },
  };
}

function env(facts: ProcessFacts): Record<string, unknown>[] {
  return [
    { name: 'SERVICE', value: facts.name },
    { name: 'EVENTMART_READY_FILE', value: READY_FILE },
    ...Object.entries(facts.secrets).map(([name, key]) => ({
      name,
      valueFrom: { secretKeyRef: { name: 'eventmart-secrets', key } },
    })),
  ];
}

function deployment(facts: ProcessFacts): Record<string, unknown> {
  const name = `eventmart-${facts.name}`;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: labels(facts.name) },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels(facts.name) },
      template: {
        metadata: { labels: labels(facts.name) },
        spec: {
          automountServiceAccountToken: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 1000,
            runAsGroup: 1000,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          // Graceful stop: consumers finish what is in flight, the outbox relay sends.
          terminationGracePeriodSeconds: 30,
          containers: [
            {
              name: facts.name,
              image: 'eventmart',
              imagePullPolicy: 'IfNotPresent',
              envFrom: [{ configMapRef: { name: 'eventmart-config' } }],
              env: env(facts),
              ...(facts.port === undefined
                ? {}
                : { ports: [{ name: 'serve', containerPort: facts.port }] }),
              ...probes(facts),
              resources: {
                requests: { cpu: '100m', memory: '192Mi' },
                limits: { cpu: '1', memory: '512Mi' },
              },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }],
        },
      },
    },
  };
}

function service(facts: ProcessFacts): Record<string, unknown> | undefined {
  if (facts.port === undefined) return undefined;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    // The gateway calls `<service>:<port>`, so the Service is named as the process.
    metadata: { name: facts.name, labels: labels(facts.name) },
    spec: {
      selector: labels(facts.name),
      ports: [{ name: 'serve', port: facts.port, targetPort: 'serve' }],
    },
  };
}

const disruptionBudget = (facts: ProcessFacts): Record<string, unknown> => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: `eventmart-${facts.name}`, labels: labels(facts.name) },
  spec: { maxUnavailable: 1, selector: { matchLabels: labels(facts.name) } },
});

function autoscaler(facts: ProcessFacts): Record<string, unknown> | undefined {
  if (!facts.consumes) return undefined;
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: `eventmart-${facts.name}`, labels: labels(facts.name) },
    spec: {
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: `eventmart-${facts.name}`,
      },
      minReplicas: 1,
      // More members than partitions would sit idle.
      maxReplicas: MAX_CONSUMER_REPLICAS,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
        },
      ],
    },
  };
}

const anywhereOn = (ports: readonly number[]): Record<string, unknown> => ({
  to: [{ ipBlock: { cidr: '0.0.0.0/0' } }],
  ports: ports.map((port) => ({ protocol: 'TCP', port })),
});

const DNS = {
  to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
  ports: [
    { protocol: 'UDP', port: 53 },
    { protocol: 'TCP', port: 53 },
  ],
};

/** Who may reach it, and what it may reach: nothing else (the base denies by default). */
function networkPolicy(facts: ProcessFacts): Record<string, unknown> {
  const egress: Record<string, unknown>[] = [DNS];
  if (facts.database) egress.push(anywhereOn([POSTGRES_PORT]), anywhereOn([KAFKA_PORT]));
  if (facts.smtp) egress.push(anywhereOn(SMTP_PORTS));
  if (facts.name === 'gateway')
    for (const other of PROCESSES)
      if (other.name !== 'gateway' && other.port !== undefined)
        egress.push({
          to: [{ podSelector: { matchLabels: labels(other.name) } }],
          ports: [{ protocol: 'TCP', port: other.port }],
        });
  const ingress =
    facts.port === undefined
      ? []
      : [
          {
            // The gateway is the API: anyone (the ingress controller); a service: the gateway.
            ...(facts.name === 'gateway'
              ? {}
              : { from: [{ podSelector: { matchLabels: labels('gateway') } }] }),
            ports: [{ protocol: 'TCP', port: facts.port }],
          },
        ];
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `eventmart-${facts.name}`, labels: labels(facts.name) },
    spec: {
      podSelector: { matchLabels: labels(facts.name) },
      policyTypes: ['Ingress', 'Egress'],
      ingress,
      egress,
    },
  };
}

/** Every process's Deployment, Service, PodDisruptionBudget, autoscaler and NetworkPolicy. */
export function processManifests(processes: readonly ProcessFacts[] = PROCESSES): string {
  const documents = processes.flatMap((facts) =>
    [
      deployment(facts),
      service(facts),
      disruptionBudget(facts),
      autoscaler(facts),
      networkPolicy(facts),
    ].filter((document) => document !== undefined),
  );
  return [
    '# Generated by deploy/generate (npm run deploy:generate) from apps/distributed: do not edit.',
    ...documents.map((document) => `---\n${stringify(document, { lineWidth: 0 })}`),
  ].join('\n');
}
