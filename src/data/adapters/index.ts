import type { ListFormat } from '../schemas/discovery.js';

/** Turns a list published in another format into a poles document (`{themes, poles}`). */
export type ListAdapter = (raw: unknown) => unknown;

/** Loaded on demand: most pages never need an adapter, so it stays out of their bundle. */
export async function loadListAdapter(format: Exclude<ListFormat, 'ptce'>): Promise<ListAdapter> {
  switch (format) {
    case 'gogocarto':
      return (await import('./gogocarto.js')).fromGogocarto;
  }
}
