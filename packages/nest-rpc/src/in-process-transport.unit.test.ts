import { describeRpcTransport, inProcess } from './rpc-transport.features.js';

describeRpcTransport('the in-process transport', inProcess);
