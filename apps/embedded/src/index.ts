export { loadConfig, type EmbeddedConfig } from './config.js';
export {
  EmbeddedModule,
  openEmbeddedDatabase,
  type EmbeddedModuleOptions,
} from './embedded.module.js';
export { startEmbedded, type RunningSystem } from './start-embedded.js';
