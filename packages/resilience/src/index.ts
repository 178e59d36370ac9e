export * from './dependency-circuit.js';
