/**
 * Every ptce-widgets element, registered, and the public data and i18n helpers. No zod here: the
 * widgets check data with compiled JSON Schemas; the zod schemas are in `ptce-widgets/schemas`.
 */
export { PtceProvider } from './components/provider/define.js';
export { PtcePoleCard } from './components/pole-card/define.js';
export { PtceCharter } from './components/charter/define.js';
export { PtcePoleMap } from './components/pole-map/define.js';
export { PtceReferentiel } from './components/referentiel/define.js';
export { PtceActionForm } from './components/action-form/define.js';
export { PtcePoleForm } from './components/pole-form/define.js';

export { PtceElement } from './base/ptce-element.js';
export { define } from './base/define.js';
export type { PtceEventMap, PtceEvents } from './base/events.js';
export { PtceClient, clientFor, type ClientOptions, type LoadedList } from './data/client.js';
export { loadPoles } from './data/poles.js';
export type { Failure, FailureKind, DataIssue, Result } from './data/failure.js';
export { registerLocale, type Catalog } from './i18n/index.js';
export type * from './data/schemas/index.js';
export { VERSION } from './version.js';
