export { ServiceHarness, eventually, settle } from './service-harness.js';
export { rpcErrorOf } from './rpc-error.js';
