// Loaded only by the server's rendered pages (server/src/ssr/): the elements they hold, with Lit's
// hydration support, which takes over the server's shadow roots instead of rendering again. Not
// part of the embed bundles. The page carries the documents its elements were rendered from
// (#ptce-ssr-data); each element is given them, loads as it would (no request), and hydrates —
// its first render is then the server's.
//
// Lit's hydration support must run before Lit itself: the elements (and Lit with them) are
// imported dynamically after it, since a bundler hoists the chunks a module shares with others
// above that module's own code.
import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
import type { PtceElement } from '../base/ptce-element.js';

interface ServerData {
  endpoint: string;
  documents: Record<string, unknown>;
}

async function hydrate(): Promise<void> {
  const { clientFor } = await import('./elements.js');
  const script = document.getElementById('ptce-ssr-data');
  if (script) {
    const { endpoint, documents } = JSON.parse(script.textContent ?? '{}') as ServerData;
    const client = clientFor(endpoint);
    for (const [url, value] of Object.entries(documents)) client.prime(new URL(url, document.baseURI).href, value);
  }
  const elements = [...document.querySelectorAll<PtceElement>('[defer-hydration]')].filter((element) =>
    element.localName.startsWith('ptce-'),
  );
  await Promise.all(
    elements.map(async (element) => {
      await customElements.whenDefined(element.localName);
      await element.prepareHydration();
      element.removeAttribute('defer-hydration');
    }),
  );
}

void hydrate();
