export { runCli, DEFAULT_URL, type CliIo } from './cli.js';
export { parseCommand, USAGE, UsageError, type Command, type Invocation } from './args.js';
export { table, type Cell, type Column } from './render/table.js';
