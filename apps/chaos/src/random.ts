// The chaos run plans orders and faults from the eventing core's seeded source, the same one
// that draws injected handler faults (EVENTMART_FAULT_SEED).
export { Random } from '@eventmart/eventing';
