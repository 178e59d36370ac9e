export * from './order.state.js';
export * from './order.events.js';
export * from './order.commands.js';
export * from './order.error.js';
export * from './order.evolve.js';
export * from './order.decide.js';
export * from './order.timeouts.js';
