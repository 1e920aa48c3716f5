// What of a pole the open data publishes: a whitelist of public facts about the pole itself.
// Never its e-mail, phone or fiches action (their contacts), nor anything about a person.
import { localize } from '../../../src/data/localize.js';
import type { OpeningHours, Pole, Theme } from '../../../src/data/schemas/pole.js';

/** The pole's public fields, with its themes as labels (French) rather than ids. */
export interface OpenPole {
  id: string;
  name: string;
  carrier?: string;
  status?: Pole['status'];
  origin?: Pole['origin'];
  departments?: string[];
  territory?: string;
  address?: string;
  postcode?: string;
  commune?: string;
  geo?: { lat: number; lon: number };
  description?: string;
  themes?: string[];
  foundedYear?: number;
  figures?: Pole['figures'];
  website?: string;
  openingHours?: string;
  social?: string[];
  charter?: Pole['charter'];
  nationalCalls?: number[];
  source?: Pole['source'];
  updatedAt?: string;
}

const DAYS: [keyof OpeningHours, string][] = [
  ['mo', 'lundi'],
  ['tu', 'mardi'],
  ['we', 'mercredi'],
  ['th', 'jeudi'],
  ['fr', 'vendredi'],
  ['sa', 'samedi'],
  ['su', 'dimanche'],
];

/** Opening hours as one line of text: "lundi 09:00-12:00 ; mardi …", then the note. */
function hoursText(hours: OpeningHours | undefined): string | undefined {
  if (!hours) return undefined;
  const parts = DAYS.filter(([day]) => hours[day]).map(([day, name]) => `${name} ${hours[day]}`);
  if (hours.note) parts.push(hours.note);
  return parts.length ? parts.join(' ; ') : undefined;
}

const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && !(Array.isArray(v) && !v.length))) as T;

export function openPole(pole: Pole, themes: Theme[]): OpenPole {
  const label = (id: string) => {
    const theme = themes.find((t) => t.id === id);
    return theme ? localize(theme.label, 'fr') : id;
  };
  return defined({
    id: pole.id,
    name: pole.name,
    carrier: pole.carrier,
    status: pole.status,
    origin: pole.origin,
    departments: pole.departments,
    territory: pole.territory,
    address: pole.address,
    postcode: pole.postcode,
    commune: pole.commune,
    geo: pole.geo,
    description: pole.description,
    themes: pole.themes?.map(label),
    foundedYear: pole.foundedYear,
    figures: pole.figures && Object.keys(pole.figures).length ? pole.figures : undefined,
    website: pole.website,
    openingHours: hoursText(pole.openingHours),
    social: pole.social,
    charter: pole.charter,
    nationalCalls: pole.nationalCalls,
    source: pole.source,
    updatedAt: pole.updatedAt,
  });
}
