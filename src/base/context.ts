import { createContext } from '@lit/context';
import type { PtceClient } from '../data/client.js';

/** What `<ptce-provider>` shares with the widgets inside it. */
export interface ProviderValue {
  client?: PtceClient;
  lang?: string;
}

export const providerContext = createContext<ProviderValue>(Symbol.for('ptce-widgets/provider'));
