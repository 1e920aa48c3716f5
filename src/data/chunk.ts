import { fail, ok, type Result } from './failure.js';

/**
 * A part of the library loaded on demand (a chunk), as a Result: loaded once, and a download that
 * fails (offline, a flaky mobile network) is the failure `chunk`, so the widget shows its error
 * block; the next call tries again. A browser may keep a failed `import()` for its URL (Firefox
 * does), so a retry asks for a fresh one: `load` gets a query to add to the module's URL, empty the
 * first time (`?retry=1`, then 2…). Write it with both imports, the first one plain so that every
 * bundler sees the module (rollup.config.mjs keeps the retry's query in our bundles):
 *
 *     chunk((retry) => (retry ? import(`./drawing/x.js${retry}`) : import('./drawing/x.js')))
 */
export function chunk<T>(load: (retry: string) => Promise<T>): () => Promise<Result<T>> {
  let loading: Promise<Result<T>> | undefined;
  let failures = 0;
  return () =>
    (loading ??= load(failures ? `?retry=${failures}` : '').then(
      (module) => ok(module),
      () => {
        failures++;
        loading = undefined;
        return fail({ kind: 'chunk' });
      },
    ));
}
