// The open data's licence and sources, as the operator sets them (PTCE_DATA_LICENCE,
// PTCE_DATA_SOURCES); Licence Ouverte / Open Licence 2.0 (Etalab) by default.

export interface Licence {
  name?: string;
  path: string;
  title: string;
}

export interface Source {
  title: string;
  path?: string;
}

export const LICENCES: Record<string, Licence> = {
  'etalab-2.0': {
    name: 'etalab-2.0',
    path: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
    title: 'Licence Ouverte / Open Licence version 2.0',
  },
  'odbl-1.0': {
    name: 'ODbL-1.0',
    path: 'https://opendatacommons.org/licenses/odbl/1-0/',
    title: 'Open Data Commons Open Database License 1.0',
  },
  'cc-by-4.0': { name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/', title: 'Creative Commons Attribution 4.0' },
  'cc-by-sa-4.0': {
    name: 'CC-BY-SA-4.0',
    path: 'https://creativecommons.org/licenses/by-sa/4.0/',
    title: 'Creative Commons Attribution-ShareAlike 4.0',
  },
  'cc0-1.0': { name: 'CC0-1.0', path: 'https://creativecommons.org/publicdomain/zero/1.0/', title: 'Creative Commons Zero 1.0' },
};

export const DEFAULT_LICENCE = LICENCES['etalab-2.0'];

/**
 * `PTCE_DATA_LICENCE`: one of LICENCES' keys, or the https URL of another licence (its title in
 * `PTCE_DATA_LICENCE_TITLE`). Anything else throws: a dataset must not go out under a licence
 * nobody chose.
 */
export function parseLicence(value: string | undefined, title?: string): Licence {
  if (!value) return DEFAULT_LICENCE;
  const known = LICENCES[value.toLowerCase()];
  if (known) return known;
  if (/^https:\/\/\S+$/.test(value)) return { path: value, title: title || value };
  throw new Error(`PTCE_DATA_LICENCE: expected one of ${Object.keys(LICENCES).join(', ')} or an https URL, got "${value}"`);
}

/**
 * `PTCE_DATA_SOURCES`: where the data comes from, `Title|https://url` items separated by new lines
 * or ` ;; ` (the URL is optional).
 */
export function parseSources(value: string | undefined): Source[] {
  return (value ?? '')
    .split(/\n| ;; /)
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      const [title, path] = item.split('|').map((part) => part.trim());
      if (path && !/^https?:\/\/\S+$/.test(path)) throw new Error(`PTCE_DATA_SOURCES: "${path}" is not an http(s) URL`);
      return { title, ...(path ? { path } : {}) };
    });
}

/** The licence and sources from the environment (the server and `npm run export` read the same). */
export function openDataSettings(env: NodeJS.ProcessEnv): { licence: Licence; sources: Source[] } {
  return { licence: parseLicence(env.PTCE_DATA_LICENCE, env.PTCE_DATA_LICENCE_TITLE), sources: parseSources(env.PTCE_DATA_SOURCES) };
}
