// The elements the server renders (server/src/ssr/), loaded by hydrate.ts once Lit's hydration
// support is in place.
import '../components/pole-map/define.js';
import '../components/pole-card/define.js';
import '../components/charter/define.js';

export { clientFor } from '../data/client.js';
