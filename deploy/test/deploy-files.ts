// Reads the deploy files as the tools do: the Compose file with its YAML merge keys resolved,
// the Kubernetes overlays as `kubectl kustomize` renders them.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEPLOY = `${ROOT}deploy/`;

export interface ComposeService {
  readonly image?: string;
  readonly build?: { context: string; dockerfile: string };
  readonly profiles?: string[];
  readonly environment?: Record<string, string | number>;
  readonly depends_on?: Record<string, { condition: string }>;
  readonly volumes?: string[];
  readonly command?: string[];
}
export interface ComposeFile {
  readonly services: Record<string, ComposeService>;
}

export const composeFile = (): ComposeFile =>
  parse(readFileSync(`${DEPLOY}compose/compose.yaml`, 'utf8'), { merge: true }) as ComposeFile;

export interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { name: string; labels?: Record<string, string> };
  readonly spec?: Record<string, unknown>;
  readonly data?: Record<string, string>;
}

/** Whether `kubectl kustomize` can run here; the Kubernetes tests need it. */
export function kustomizeAvailable(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const OVERLAYS = ['dev', 'prod'] as const;

export function render(overlay: (typeof OVERLAYS)[number]): K8sObject[] {
  const out = execFileSync('kubectl', ['kustomize', `${DEPLOY}k8s/overlays/${overlay}`], {
    encoding: 'utf8',
  });
  return parseAllDocuments(out).map((document) => document.toJS() as K8sObject);
}
