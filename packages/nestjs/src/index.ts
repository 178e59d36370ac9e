export * from './eventing.module.js';
export * from './eventing.tokens.js';
export {
  ServiceEventingHost,
  ServicePublisher,
  type EventingFeatureOptions,
} from './eventing-feature.js';
export type { EventingRootOptions } from './eventing-root.js';
export * from './on-event.decorator.js';
export * from './nest-logger.js';
