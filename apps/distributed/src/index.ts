export * from './config/env.js';
export * from './config/services.js';
export * from './config/service-config.js';
export * from './config/gateway-config.js';
export * from './config/event-log-config.js';
export { openTransport } from './process/open-transport.js';
export { startProcess } from './process/start-process.js';
export { serviceModule, type ServiceResources } from './process/service-module.js';
export { READY_PATTERN, readyLine, type RunningProcess } from './process/running-process.js';
export {
  launchDistributedSet,
  processSpec,
  readyOrExited,
  type LaunchedSet,
} from './supervisor/distributed-set.js';
export { Supervisor, type SupervisorOptions } from './supervisor/supervisor.js';
export { SupervisedChild, type ChildSpec, type ChildExit } from './supervisor/supervised-child.js';
export { LineSplitter } from './supervisor/line-splitter.js';
export { dropDatabase, ensureDatabase, redact } from './supervisor/ensure-database.js';
export { topicPlan, topicTable, type TopicRow } from './config/topic-plan.js';
