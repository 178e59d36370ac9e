export { UserModule } from './user.module.js';
export type { UserModuleOptions } from './user-module.options.js';
export { AdminAccounts } from './application/admin-accounts.js';
export { UserRpcController } from './api/user.rpc-controller.js';
export type { User, UserRole } from './domain/user.js';
