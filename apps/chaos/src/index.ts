export { runChaos, type ChaosIo } from './run-chaos.js';
export { parseChaosArgs, USAGE, UsageError, type ChaosOptions, type ChaosCommand } from './args.js';
export type { ChaosReport } from './report/chaos-report.js';
export { renderReport } from './report/render-report.js';
export { FAULT_KINDS, type FaultKind } from './faults/fault-log.js';
export {
  DistributedShop,
  BACKEND_SERVICES,
  DEFAULT_START_TIMEOUT_MS,
  type DistributedShopOptions,
} from './system/distributed-shop.js';
export { startKafkaMock } from './system/kafka-mock.js';
export { KAFKA_MOCK_SETTINGS, SHOP_SETTINGS } from './system/shop-settings.js';
export { freePort } from './system/free-port.js';
export {
  eventLogCaughtUp,
  settledOnEventLog,
  settledOnKafka,
  waitUntilSettled,
  type PendingCheck,
} from './settle/settled.js';
export {
  serviceHandlers,
  topicsByService,
  type ServiceHandler,
} from './settle/service-handlers.js';
