import type { Filters } from '../selection.js';

const HASH_KEYS = [
  'region',
  'department',
  'theme',
  'status',
  'action',
  'q',
  'pole',
  'stage',
  'origin',
  'scope',
  'function',
  'legalForm',
] as const;

export type HashState = Filters & { pole?: string };

/** The view kept in the page's URL hash (`#ptce-region=84&ptce-pole=…`), beside the page's own keys. */
export function readHash(): HashState {
  const params = new URLSearchParams(location.hash.slice(1));
  const read = (key: string) => params.get(`ptce-${key}`) ?? undefined;
  return {
    region: read('region'),
    department: read('department'),
    theme: read('theme'),
    status: read('status'),
    action: read('action'),
    q: read('q'),
    pole: read('pole'),
    stage: read('stage'),
    origin: read('origin'),
    scope: read('scope'),
    function: read('function'),
    legalForm: read('legalForm'),
  };
}

/** Replaces (never pushes: a filter change is not a page in the history) our keys in the hash. */
export function writeHash(state: HashState): void {
  const params = new URLSearchParams(location.hash.slice(1));
  const values: Partial<Record<(typeof HASH_KEYS)[number], string>> = state;
  for (const key of HASH_KEYS) {
    const value = values[key];
    if (value) params.set(`ptce-${key}`, value);
    else params.delete(`ptce-${key}`);
  }
  const hash = params.toString();
  history.replaceState(history.state, '', `${location.pathname}${location.search}${hash ? `#${hash}` : ''}`);
}
