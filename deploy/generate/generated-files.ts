import { fileURLToPath } from 'node:url';
import { processManifests } from './k8s-processes.js';
import { topicScript } from './topic-script.js';

const at = (path: string): string => fileURLToPath(new URL(`../${path}`, import.meta.url));

/** Each file of deploy/ that is generated, and its generator. */
export const GENERATED: readonly { path: string; generate: () => string }[] = [
  { path: at('k8s/base/topics/create-topics.sh'), generate: () => topicScript() },
  { path: at('k8s/base/processes.yaml'), generate: () => processManifests() },
];
