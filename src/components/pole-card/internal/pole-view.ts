import { css, html, nothing } from 'lit';
import { heading } from '../../../base/heading.js';
import { placeParts } from '../../../data/geography.js';
import { mailtoHref, safeHttpUrl, telHref } from '../../../data/safe-url.js';
import { localize } from '../../../data/localize.js';
import type { OpeningHours, Pole, Theme } from '../../../data/schemas/pole.js';
import { formatDate, formatEuros, registerMessages, type Translate } from '../../../i18n/index.js';
import { card } from '../../../i18n/fr/card.js';
import { pole as poleMessages } from '../../../i18n/fr/pole.js';
import { poleRequest } from '../../../i18n/fr/pole-request.js';
import { renderReferentielSummary } from '../referentiel-summary.js';
import { actionStyles, renderActions, renderOffersLine } from '../pole-actions.js';
import { poleStyles } from '../ptce-pole-card.styles.js';

// What draws a loaded pole: its own chunk, requested beside the data (ptce-pole-card.ts), so that
// the element's file holds only what its loading state needs.

registerMessages('fr', { ...poleMessages, ...card, ...poleRequest });

export const viewStyles = css`
  ${poleStyles}${actionStyles}
`;

/** What the card gives its drawing: its settings, messages and handlers. */
export interface CardView {
  t: Translate;
  lang: string;
  compact: boolean;
  headingLevel: number;
  /** The compact card's long description is shown whole. */
  expanded: boolean;
  toggleExpanded: () => void;
  select: () => void;
  onCardClick: (event: MouseEvent) => void;
  /** The opt-in requests' buttons and form (full card only), drawn by the card. */
  requests?: unknown;
}

export function renderPole(view: CardView, pole: Pole, themes: Theme[], origin: string) {
  const { t, lang, compact } = view;
  const logo = pole.logo && safeHttpUrl(pole.logo.url);
  // The heading is named by the pole's name alone; what the button does is its description.
  const name = compact
    ? html`<button type="button" part="select" aria-describedby="select-hint" @click=${view.select}>${pole.name}</button>`
    : pole.name;
  // A click anywhere on a compact card selects it; keyboards have the name's button for that.
  // eslint-disable-next-line lit-a11y/click-events-have-key-events
  return html`<article
    part="card"
    class="card ${compact ? 'compact' : 'full'}"
    aria-labelledby="name"
    @click=${compact ? view.onCardClick : nothing}
  >
    <header>
      ${
        logo && new URL(logo).origin === origin
          ? html`<img class="logo" part="logo" src=${logo} alt=${pole.logo!.alt ?? ''} referrerpolicy="no-referrer" loading="lazy" />`
          : nothing
      }
      <div>
        ${heading(view.headingLevel, 0, name, 'name', 'name')}
        ${compact ? html`<span class="visually-hidden" id="select-hint">${t('card.select')}</span>` : nothing}
        ${pole.carrier ? html`<p class="carrier" part="carrier">${t('card.carrier', { name: pole.carrier })}</p>` : nothing}
      </div>
    </header>
    <div class="lead">${renderTerritory(pole)} ${renderBadges(view, pole)}</div>
    <div class="main">
      ${renderDescription(view, pole)} ${renderThemes(view, pole, themes)}
      ${compact ? nothing : pole.referentielSummary ? renderReferentielSummary(pole.referentielSummary, lang, view.headingLevel) : nothing}
      ${compact ? renderOffersLine(pole.actions, lang) : renderActions(pole.actions, themes, lang, view.headingLevel)}
    </div>
    ${
      compact
        ? nothing
        : html`<div class="aside">
            ${renderFigures(view, pole)} ${renderFacts(view, pole)} ${renderAddress(view, pole)} ${renderHours(view, pole.openingHours)}
            ${renderContact(view, pole)} ${renderLinks(view, pole)}
          </div>`
    }
    ${compact ? nothing : (view.requests ?? nothing)}
    <slot name="actions"></slot>
    <slot name="footer"></slot>
  </article>`;
}

function renderTerritory(pole: Pole) {
  const parts = placeParts(pole, true);
  return parts.length ? html`<p class="territory" part="territory">${parts.join(' · ')}</p>` : nothing;
}

function renderBadges({ t }: CardView, pole: Pole) {
  const badges = [pole.status && t(`pole.status.${pole.status}`), pole.origin && t(`card.origin.${pole.origin}`)].filter(Boolean);
  return badges.length
    ? html`<ul class="badges" part="badges">
        ${badges.map((badge) => html`<li>${badge}</li>`)}
      </ul>`
    : nothing;
}

function renderDescription({ t, compact, expanded, toggleExpanded }: CardView, pole: Pole) {
  const text = pole.description?.trim();
  if (!text) return nothing;
  const clamp = compact && text.length > 140;
  return html`<p id="description" part="description" class="description ${clamp && !expanded ? 'clamped' : ''}">${text}</p>
    ${
      clamp
        ? html`<button
            type="button"
            class="link-button"
            aria-expanded=${expanded ? 'true' : 'false'}
            aria-controls="description"
            @click=${toggleExpanded}
          >
            ${t(expanded ? 'card.read-less' : 'card.read-more')}
          </button>`
        : nothing
    }`;
}

function renderThemes({ t, lang, compact }: CardView, pole: Pole, vocabulary: Theme[]) {
  const ids = pole.themes ?? [];
  if (!ids.length) return nothing;
  // A card shows a handful of themes; a source listing thousands must not freeze the page.
  const shown = ids.slice(0, compact ? 3 : 24);
  const labels = new Map(vocabulary.map((theme) => [theme.id, theme.label]));
  const more = ids.length - shown.length;
  return html`<ul class="themes" part="themes" aria-label=${t('card.themes')}>
    ${shown.map((id) => html`<li>${localize(labels.get(id), lang) || id}</li>`)}
    ${more && !compact ? html`<li class="more">${t('card.more-themes', { count: more })}</li>` : nothing}
  </ul>`;
}

function renderFigures({ t, lang }: CardView, pole: Pole) {
  const f = pole.figures ?? {};
  const items = [
    f.structures !== undefined && t('card.structures', { count: f.structures }),
    f.jobs !== undefined && t('card.jobs', { count: f.jobs }),
    f.fte !== undefined && t('card.fte', { count: f.fte }),
    f.turnoverEuros !== undefined && t('card.turnover', { amount: formatEuros(lang, f.turnoverEuros) }),
    pole.foundedYear !== undefined && t('card.founded', { year: String(pole.foundedYear) }),
  ].filter((item): item is string => typeof item === 'string');
  return items.length
    ? html`<ul class="figures" part="figures" aria-label=${t('card.figures')}>
        ${items.map((item) => html`<li>${item}</li>`)}
      </ul>`
    : nothing;
}

function renderFacts({ t, lang }: CardView, pole: Pole) {
  const facts: string[] = [];
  if (pole.charter) {
    const date = formatDate(lang, pole.charter.date);
    facts.push(pole.charter.place ? t('card.charter-place', { date, place: pole.charter.place }) : t('card.charter', { date }));
  }
  for (const year of pole.nationalCalls ?? []) facts.push(t('card.national-call', { year: String(year) }));
  return facts.length
    ? html`<ul class="facts" part="facts">
        ${facts.map((fact) => html`<li>${fact}</li>`)}
      </ul>`
    : nothing;
}

function renderContact({ t }: CardView, pole: Pole) {
  const website = safeHttpUrl(pole.website);
  const mail = pole.email ? mailtoHref(pole.email) : undefined;
  const tel = pole.phone ? telHref(pole.phone) : undefined;
  if (!website && !mail && !pole.phone) return nothing;
  return html`<ul class="contact" part="contact" aria-label=${t('card.contact')}>
    ${
      website
        ? html`<li>
            <a href=${website} target="_blank" rel="noopener noreferrer external"
              >${t('card.website')}<span class="visually-hidden"> ${new URL(website).hostname} ${t('card.new-tab')}</span
              ><span aria-hidden="true"> ↗</span></a
            >
          </li>`
        : nothing
    }
    ${mail ? html`<li><a href=${mail}>${pole.email}</a></li>` : nothing}
    ${tel ? html`<li><a href=${tel}>${pole.phone}</a></li>` : pole.phone ? html`<li>${pole.phone}</li>` : nothing}
  </ul>`;
}

function renderAddress({ t }: CardView, pole: Pole) {
  const town = [pole.postcode, pole.commune].filter(Boolean).join(' ');
  if (!pole.address) return nothing;
  return html`<address class="address" part="address" aria-label=${t('card.address')}>
    ${pole.address}${town ? html`<br />${town}` : nothing}
  </address>`;
}

function renderHours({ t, lang }: CardView, hours: OpeningHours | undefined) {
  if (!hours) return nothing;
  // Day names from the browser, Monday first (1 January 2024 was a Monday).
  const dayName = new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' });
  const days = (['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'] as const)
    .map((key, index) => [dayName.format(Date.UTC(2024, 0, 1 + index)), hours[key]] as const)
    .filter(([, value]) => value?.trim());
  if (!days.length && !hours.note?.trim()) return nothing;
  return html`<section class="hours" part="hours" aria-label=${t('card.hours')}>
    <p class="label">${t('card.hours')}</p>
    ${
      days.length
        ? html`<dl>
            ${days.map(
              ([day, value]) =>
                html`<dt>${day}</dt>
                  <dd>${value}</dd>`,
            )}
          </dl>`
        : nothing
    }
    ${hours.note?.trim() ? html`<p>${hours.note}</p>` : nothing}
  </section>`;
}

function renderLinks({ t }: CardView, pole: Pole) {
  const social = (pole.social ?? []).map((url) => safeHttpUrl(url)).filter((url): url is string => !!url);
  const source = pole.source && safeHttpUrl(pole.source.url);
  if (!social.length && !source) return nothing;
  const external = (href: string, label: string) =>
    html`<a href=${href} target="_blank" rel="noopener noreferrer external"
      >${label}<span class="visually-hidden"> ${t('card.new-tab')}</span><span aria-hidden="true"> ↗</span></a
    >`;
  return html`<ul class="contact links" part="links" aria-label=${t('card.social')}>
    ${social.map((url) => html`<li>${external(url, networkName(url))}</li>`)}
    ${
      source
        ? html`<li class="source">
            ${external(source, pole.source!.name ? t('card.source', { name: pole.source!.name }) : t('card.source-unnamed'))}
          </li>`
        : nothing
    }
  </ul>`;
}

const NETWORKS: [RegExp, string][] = [
  [/(^|\.)facebook\.com$|(^|\.)fb\.me$/, 'Facebook'],
  [/(^|\.)linkedin\.com$/, 'LinkedIn'],
  [/(^|\.)instagram\.com$/, 'Instagram'],
  [/(^|\.)(twitter|x)\.com$/, 'X (Twitter)'],
  [/(^|\.)youtube\.com$|(^|\.)youtu\.be$/, 'YouTube'],
  [/(^|\.)bsky\.app$/, 'Bluesky'],
];

/** A social link's name: the network's, else its host (a Mastodon or PeerTube instance). */
function networkName(url: string): string {
  const host = new URL(url).hostname.replace(/^www\./, '');
  return NETWORKS.find(([pattern]) => pattern.test(host))?.[1] ?? host;
}
