export { NotificationModule } from './notification.module.js';
export {
  DEFAULT_FROM,
  DEFAULT_NOTIFICATION_RETRY,
  type NotificationModuleOptions,
} from './notification-module.options.js';
export { ListMailbox } from './application/list-mailbox.query.js';
export type { MailRecord } from './application/notification.repository.port.js';
export { NotificationRpcController } from './api/notification.rpc-controller.js';
export { DEFAULT_CIRCUIT_BREAKER, type CircuitBreakerSettings } from '@eventmart/resilience';
