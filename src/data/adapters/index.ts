import type { ListFormat } from '../schemas/discovery.js';
import { fromGogocarto } from './gogocarto.js';

/** Turns a list published in another format into a poles document (`{themes, poles}`). */
export type ListAdapter = (raw: unknown) => unknown;

export const listAdapters: Record<Exclude<ListFormat, 'ptce'>, ListAdapter> = {
  gogocarto: fromGogocarto,
};
