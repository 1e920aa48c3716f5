export * from './common.js';
export * from './discovery.js';
export * from './pole.js';
export * from './referentiel.js';
export * from './charter.js';
export * from './submissions.js';
export * from './campaigns.js';
export * from './action.js';
