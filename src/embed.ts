/**
 * Entry of the embed build (dist/cdn/ptce-widgets.js): every element, registered, and the data
 * client. The zod schemas stay out (the widgets check data with the compiled JSON Schemas), so the
 * bundle is small and runs under a strict Content-Security-Policy.
 */
export { PtceProvider } from './components/provider/define.js';
export { PtcePoleCard } from './components/pole-card/define.js';
export { PtceCharter } from './components/charter/define.js';
export { PtcePoleMap } from './components/pole-map/define.js';
export { PtceReferentiel } from './components/referentiel/define.js';
export { PtceActionForm } from './components/action-form/define.js';
export { PtcePoleForm } from './components/pole-form/define.js';
export { PtceClient, clientFor } from './data/client.js';
export { loadPoles } from './data/poles.js';
export { registerLocale } from './i18n/index.js';
export { VERSION } from './version.js';
