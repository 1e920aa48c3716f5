/**
 * Entry `ptce-widgets/schemas`: the zod schemas of the endpoint contract, for a server or a tool
 * that validates data the way the reference server does. Kept apart so the elements never pull zod.
 */
export * from './data/schemas/index.js';
