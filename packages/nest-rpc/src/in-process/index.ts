export * from './in-process-rpc.hub.js';
export * from './in-process-rpc.server.js';
export * from './in-process-rpc.client.js';
export * from './json-clone.js';
