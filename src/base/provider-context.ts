import { ContextRoot, createContext } from '@lit/context';
import type { PtceClient } from '../data/client.js';

/** What `<ptce-provider>` shares with the widgets inside it. */
export interface ProviderValue {
  client?: PtceClient;
  lang?: string;
}

/**
 * The provider's context. Its key is a global symbol, so that two copies of this library on one
 * page (a CMS plugin and a hand-pasted script) and any other library speaking the community
 * context protocol find each other's providers.
 */
export const providerContext = createContext<ProviderValue>(Symbol.for('ptce-widgets/provider'));

const rootMark = Symbol.for('ptce-widgets/context-root');

/**
 * Keeps the requests no provider answered and sends them again when a provider appears, so a
 * widget finds a `<ptce-provider>` whose script runs after its own. One per page, whatever the
 * number of copies of the library: a second root would only repeat the requests.
 */
export function ensureContextRoot(): void {
  const page = document as Document & { [rootMark]?: ContextRoot };
  if (page[rootMark]) return;
  page[rootMark] = new ContextRoot();
  page[rootMark].attach(document.documentElement);
}
