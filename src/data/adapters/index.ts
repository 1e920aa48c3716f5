import type { Result } from '../failure.js';
import type { Located, PtceClient } from '../client.js';
import type { ListFormat } from '../schemas/discovery.js';

/** What an adapter may need besides the document: where it came from, and the client to load more. */
export interface AdapterContext {
  where: Located;
  client: PtceClient;
}

/**
 * Turns a list published in another format into a poles document (`{themes, poles}`), which the
 * shared lenient validation then checks like any other. The list comes read as JSON, or for CSV
 * as text (`{text}`): loadPoles fetches it while the adapter loads.
 */
export interface ListAdapter {
  adapt(raw: unknown, context: AdapterContext): Promise<Result<unknown>>;
}

/** Loaded on demand: most pages never need an adapter, so it stays out of their bundle. */
export async function loadListAdapter(format: Exclude<ListFormat, 'ptce'>): Promise<ListAdapter> {
  switch (format) {
    case 'gogocarto':
      return (await import('./gogocarto.js')).gogocartoAdapter;
    case 'csv':
      return (await import('./csv.js')).csvAdapter;
  }
}
