export * from './rpc-failure.js';
export * from './parse-rpc-request.js';
export * from './rpc-call.errors.js';
export * from './call-rpc.js';
export * from './rpc-mode.js';
export * from './in-process/index.js';
