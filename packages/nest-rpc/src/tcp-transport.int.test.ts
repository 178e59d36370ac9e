import { describeRpcTransport, tcpOnLoopback } from './rpc-transport.features.js';

// The same suite as the in-process transport's: what passes there must pass over the network.
describeRpcTransport('NestJS TCP on a free loopback port', tcpOnLoopback);
