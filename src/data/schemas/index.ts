export * from './common.js';
export * from './discovery.js';
export * from './pole.js';
