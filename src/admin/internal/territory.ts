import { DEPARTMENTS, REGIONS } from '../../data/geography.js';

/** The regions (INSEE codes) in name order, for filters and territories. */
export const REGION_CHOICES = Object.entries(REGIONS)
  .map(([code, name]) => ({ code, name }))
  .sort((a, b) => a.name.localeCompare(b.name, 'fr'));

/** The départements in code order ("01 Ain"). */
export const DEPARTEMENT_CHOICES = [...DEPARTMENTS.values()].map(({ code, name }) => ({ code, name }));

/** "35, 2A 974" → ["35", "2A", "974"]: codes typed with commas or spaces, upper-cased. */
export const parseCodes = (text: string): string[] =>
  text
    .split(/[\s,;]+/)
    .map((code) => code.trim().toUpperCase())
    .filter(Boolean);

/** A territory in words: its regions' names and its départements' codes. */
export function territoryText(regions: readonly string[], departements: readonly string[]): string {
  return [...regions.map((code) => REGIONS[code] ?? code), ...departements].join(', ');
}
