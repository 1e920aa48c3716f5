// The widgets' elements on the server, for Lit's SSR: defined in this process (Lit's server build
// brings a minimal DOM shim), with what the browser loads on demand loaded once here — the English
// messages, the card's drawing, the map's drawing and basemap — since a server render is synchronous.
import type { CSSResult } from 'lit';
import { loadLang } from '../../../src/i18n/index.js';
import { PtcePoleCard } from '../../../src/components/pole-card/define.js';
import { loadCardView } from '../../../src/components/pole-card/ptce-pole-card.js';
import '../../../src/components/pole-map/define.js';
import '../../../src/components/charter/define.js';
import { loadMapKit, type MapKit } from '../../../src/components/pole-map/basemap.js';

// Loaded by the browser as a chunk and added to the card's shadow root (addChunkStyles); on the
// server the card's styles must hold them already, so that the page is styled before any script.
let kit: MapKit | undefined;

/** Loads, once, what the elements need to render synchronously; then `mapKit()` is there. */
export const serverElements: Promise<void> = (async () => {
  await loadLang('en');
  const view = await loadCardView();
  const styles = (PtcePoleCard as unknown as { elementStyles: CSSResult[] }).elementStyles;
  if (!styles.includes(view.viewStyles)) styles.push(view.viewStyles);
  const loaded = await loadMapKit();
  if (!loaded.ok) throw new Error(`the map's drawing did not load (${loaded.failure.kind})`);
  kit = loaded.value;
})();

export function mapKit(): MapKit {
  if (!kit) throw new Error('serverElements not awaited');
  return kit;
}
