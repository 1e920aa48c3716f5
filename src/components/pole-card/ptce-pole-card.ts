import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PtceElement } from '../../base/ptce-element.js';
import { DEFAULT_HEADING_LEVEL, heading } from '../../base/heading.js';
import { DataController } from '../../base/data-controller.js';
import { checkPole } from '../../data/checks/poles.js';
import { checkLeniently, loadPoles } from '../../data/poles.js';
import { fail, ok, type Result } from '../../data/failure.js';
import { placeParts } from '../../data/geography.js';
import { mailtoHref, safeHttpUrl, telHref } from '../../data/safe-url.js';
import { localize } from '../../data/localize.js';
import type { OpeningHours, Pole, Theme } from '../../data/schemas/pole.js';
import { formatDate, formatEuros } from '../../i18n/index.js';
import { renderReferentielSummary } from './referentiel-summary.js';
import { actionStyles, renderActions, renderOffersLine } from './pole-actions.js';
import { cardStyles } from './ptce-pole-card.styles.js';
import { registerMessages } from '../../i18n/index.js';
import { card } from '../../i18n/fr/card.js';
import { pole as poleMessages } from '../../i18n/fr/pole.js';

registerMessages('fr', { ...poleMessages, ...card });

interface CardData {
  pole?: Pole;
  themes: Theme[];
  /** Where the data came from: logos are shown only from there (no third-party requests). */
  origin: string;
}

declare module '../../base/events.js' {
  interface PtceEventMap {
    /** A compact card (or a map marker) was activated. */
    'ptce-pole-select': { id: string; name: string };
  }
}

/**
 * @tag ptce-pole-card
 * @summary A pole's profile card: name, territory, status, description, themes, figures, neutral
 * facts (charter signature, national calls), its projects and what it offers other poles (fiches
 * action), and contacts. Shows what the pole has, nothing else.
 *
 * @slot actions - Buttons or links under the card's content (e.g. "Voir sur la carte").
 * @slot footer - A footer line.
 *
 * @csspart card - The card's frame (an `article`).
 * @csspart name - The pole's name (a heading).
 * @csspart select - In the compact variant, the button inside the heading that selects the pole.
 * @csspart logo - The logo image.
 * @csspart carrier - The carrier structure.
 * @csspart territory - Commune, departments and region.
 * @csspart badges - Status and origin.
 * @csspart description - The description.
 * @csspart themes - The theme tags.
 * @csspart figures - Key figures.
 * @csspart facts - Charter signature and national calls.
 * @csspart summary - The published référentiel summary chart.
 * @csspart actions - The "Projets et actions" section (full variant), or the line saying the pole offers an action (compact).
 * @csspart action - One fiche action of that section.
 * @csspart offer - The action a fiche offers the other poles ("Propose : …").
 * @csspart address - The street address, postcode and commune.
 * @csspart hours - Opening hours.
 * @csspart contact - Website, email and phone.
 * @csspart links - Social networks and the pole's page in the directory it comes from.
 * @csspart skeleton - The loading placeholder.
 *
 * @fires ptce-pole-select - A compact card was activated (click, Enter or Space); `detail` is `{id, name}`.
 */
export class PtcePoleCard extends PtceElement {
  static override styles = [...(PtceElement.styles as []), cardStyles, actionStyles];

  /** Id of the pole to show, looked up in the endpoint's poles. */
  @property({ attribute: 'pole-id' }) poleId?: string;

  /** A pole given directly (validated like endpoint data); wins over `pole-id`. */
  @property({ attribute: false }) pole?: unknown;

  /** Theme vocabulary for a pole given as a property (labels of its theme ids). */
  @property({ attribute: false }) themes?: Theme[];

  /** `full` (default): the whole profile; `compact`: for lists and map popups, activatable. */
  @property({ reflect: true }) variant: 'full' | 'compact' = 'full';

  /** Level of the card's heading (1–6, default 2 like every element's top heading), to fit the page's outline. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel: number = DEFAULT_HEADING_LEVEL;

  @state() private expanded = false;

  readonly data = new DataController<CardData>(this, (signal) => this.load(signal), (value) => this.loaded(value));

  private async load(signal: AbortSignal): Promise<Result<CardData>> {
    if (this.pole !== undefined) {
      // Like endpoint data: unusable optional fields are left out (and reported), not the pole.
      const checked = await checkLeniently(checkPole, this.pole, 'pole');
      if (!checked.ok) return fail({ kind: 'invalid', url: '', issues: checked.issues });
      if (checked.dropped.length) this.reportSkipped({ url: '', value: undefined, skipped: [], dropped: checked.dropped });
      return ok({ pole: checked.value, themes: this.themes ?? [], origin: location.origin });
    }
    const result = await this.withClient((client) => loadPoles(client, signal));
    if (!result.ok) return result;
    this.reportSkipped(result.value);
    const { poles, themes } = result.value.value;
    const pole = poles.find((p) => p.id === this.poleId);
    // The pole is in the source but its record is invalid: say so rather than "no such pole".
    const invalid = pole ? undefined : result.value.skipped.find((record) => record.id === this.poleId);
    if (invalid) return fail({ kind: 'invalid', url: result.value.url, issues: invalid.issues });
    return ok({ pole, themes, origin: new URL(result.value.url).origin });
  }

  private loaded(_value: CardData): void {
    this.expanded = false;
  }

  /** Set when the select button had focus as the card turned full (the button is then gone). */
  private refocus = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.refocus = changed.get('variant') === 'compact' && this.shadowRoot?.activeElement?.getAttribute('part') === 'select';
    if (this.clientChanged() || changed.has('poleId') || changed.has('pole') || changed.has('themes')) void this.data.run();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Focus stays on the card, not lost to the page, and its name is read again.
    const article = this.refocus && this.renderRoot.querySelector<HTMLElement>('article');
    if (!article) return;
    // Focusable only for this: a click on the card must not ring it afterwards.
    article.tabIndex = -1;
    article.addEventListener('blur', () => article.removeAttribute('tabindex'), { once: true });
    article.focus();
  }

  protected override renderLoading(): TemplateResult {
    return html`<div class="card skeleton" part="skeleton" role="status" aria-live="polite">
      <span class="visually-hidden">${this.t('state.loading')}</span>
      <div class="line"></div>
      <div class="line"></div>
      <div class="line"></div>
    </div>`;
  }

  protected override render() {
    return this.renderData(this.data, ({ pole, themes, origin }) =>
      pole ? this.renderPole(pole, themes, origin) : this.renderEmpty(this.t('card.not-found', { id: this.poleId ?? '' })),
    );
  }

  private renderPole(pole: Pole, themes: Theme[], origin: string) {
    const compact = this.variant === 'compact';
    const lang = this.resolvedLang;
    const logo = pole.logo && safeHttpUrl(pole.logo.url);
    // The heading is named by the pole's name alone; what the button does is its description.
    const name = compact
      ? html`<button type="button" part="select" aria-describedby="select-hint" @click=${this.select}>${pole.name}</button>`
      : pole.name;
    return html`<article
      part="card"
      class="card ${compact ? 'compact' : 'full'}"
      aria-labelledby="name"
      @click=${compact ? this.onCardClick : nothing}
    >
      <header>
        ${logo && new URL(logo).origin === origin
          ? html`<img class="logo" part="logo" src=${logo} alt=${pole.logo!.alt ?? ''} referrerpolicy="no-referrer" loading="lazy" />`
          : nothing}
        <div>
          ${heading(this.headingLevel, 0, name, 'name', 'name')}
          ${compact ? html`<span class="visually-hidden" id="select-hint">${this.t('card.select')}</span>` : nothing}
          ${pole.carrier ? html`<p class="carrier" part="carrier">${this.t('card.carrier', { name: pole.carrier })}</p>` : nothing}
        </div>
      </header>
      <div class="lead">${this.renderTerritory(pole)} ${this.renderBadges(pole)}</div>
      <div class="main">
        ${this.renderDescription(pole, compact)}
        ${this.renderThemes(pole, themes, compact)}
        ${compact ? nothing : pole.referentielSummary ? renderReferentielSummary(pole.referentielSummary, lang, this.headingLevel) : nothing}
        ${compact ? renderOffersLine(pole.actions, lang) : renderActions(pole.actions, themes, lang, this.headingLevel)}
      </div>
      ${compact
        ? nothing
        : html`<div class="aside">
            ${this.renderFigures(pole)} ${this.renderFacts(pole)} ${this.renderAddress(pole)} ${this.renderHours(pole.openingHours)}
            ${this.renderContact(pole)} ${this.renderLinks(pole)}
          </div>`}
      <slot name="actions"></slot>
      <slot name="footer"></slot>
    </article>`;
  }

  private renderTerritory(pole: Pole) {
    const parts = placeParts(pole, true);
    return parts.length ? html`<p class="territory" part="territory">${parts.join(' · ')}</p>` : nothing;
  }

  private renderBadges(pole: Pole) {
    const badges = [
      pole.status && this.t(`pole.status.${pole.status}`),
      pole.origin && this.t(`card.origin.${pole.origin}`),
    ].filter(Boolean);
    return badges.length
      ? html`<ul class="badges" part="badges">${badges.map((badge) => html`<li>${badge}</li>`)}</ul>`
      : nothing;
  }

  private renderDescription(pole: Pole, compact: boolean) {
    const text = pole.description?.trim();
    if (!text) return nothing;
    const clamp = compact && text.length > 140;
    return html`<p id="description" part="description" class="description ${clamp && !this.expanded ? 'clamped' : ''}">${text}</p>
      ${clamp
        ? html`<button
            type="button"
            class="link-button"
            aria-expanded=${this.expanded ? 'true' : 'false'}
            aria-controls="description"
            @click=${() => (this.expanded = !this.expanded)}
          >
            ${this.t(this.expanded ? 'card.read-less' : 'card.read-more')}
          </button>`
        : nothing}`;
  }

  private renderThemes(pole: Pole, vocabulary: Theme[], compact: boolean) {
    const ids = pole.themes ?? [];
    if (!ids.length) return nothing;
    // A card shows a handful of themes; a source listing thousands must not freeze the page.
    const shown = ids.slice(0, compact ? 3 : 24);
    const labels = new Map(vocabulary.map((theme) => [theme.id, theme.label]));
    const more = ids.length - shown.length;
    return html`<ul class="themes" part="themes" aria-label=${this.t('card.themes')}>
      ${shown.map((id) => html`<li>${localize(labels.get(id), this.resolvedLang) || id}</li>`)}
      ${more && !compact ? html`<li class="more">${this.t('card.more-themes', { count: more })}</li>` : nothing}
    </ul>`;
  }

  private renderFigures(pole: Pole) {
    const f = pole.figures ?? {};
    const lang = this.resolvedLang;
    const items = [
      f.structures !== undefined && this.t('card.structures', { count: f.structures }),
      f.jobs !== undefined && this.t('card.jobs', { count: f.jobs }),
      f.fte !== undefined && this.t('card.fte', { count: f.fte }),
      f.turnoverEuros !== undefined && this.t('card.turnover', { amount: formatEuros(lang, f.turnoverEuros) }),
      pole.foundedYear !== undefined && this.t('card.founded', { year: String(pole.foundedYear) }),
    ].filter((item): item is string => typeof item === 'string');
    return items.length
      ? html`<ul class="figures" part="figures" aria-label=${this.t('card.figures')}>${items.map((item) => html`<li>${item}</li>`)}</ul>`
      : nothing;
  }

  private renderFacts(pole: Pole) {
    const lang = this.resolvedLang;
    const facts: string[] = [];
    if (pole.charter) {
      const date = formatDate(lang, pole.charter.date);
      facts.push(pole.charter.place ? this.t('card.charter-place', { date, place: pole.charter.place }) : this.t('card.charter', { date }));
    }
    for (const year of pole.nationalCalls ?? []) facts.push(this.t('card.national-call', { year: String(year) }));
    return facts.length ? html`<ul class="facts" part="facts">${facts.map((fact) => html`<li>${fact}</li>`)}</ul>` : nothing;
  }

  private renderContact(pole: Pole) {
    const website = safeHttpUrl(pole.website);
    const mail = pole.email ? mailtoHref(pole.email) : undefined;
    const tel = pole.phone ? telHref(pole.phone) : undefined;
    if (!website && !mail && !pole.phone) return nothing;
    return html`<ul class="contact" part="contact" aria-label=${this.t('card.contact')}>
      ${website
        ? html`<li>
            <a href=${website} target="_blank" rel="noopener noreferrer external"
              >${this.t('card.website')}<span class="visually-hidden"> ${new URL(website).hostname} ${this.t('card.new-tab')}</span
              ><span aria-hidden="true"> ↗</span></a
            >
          </li>`
        : nothing}
      ${mail ? html`<li><a href=${mail}>${pole.email}</a></li>` : nothing}
      ${tel ? html`<li><a href=${tel}>${pole.phone}</a></li>` : pole.phone ? html`<li>${pole.phone}</li>` : nothing}
    </ul>`;
  }

  private renderAddress(pole: Pole) {
    const town = [pole.postcode, pole.commune].filter(Boolean).join(' ');
    if (!pole.address) return nothing;
    return html`<address class="address" part="address" aria-label=${this.t('card.address')}>
      ${pole.address}${town ? html`<br />${town}` : nothing}
    </address>`;
  }

  private renderHours(hours: OpeningHours | undefined) {
    if (!hours) return nothing;
    // Day names from the browser, Monday first (1 January 2024 was a Monday).
    const dayName = new Intl.DateTimeFormat(this.resolvedLang, { weekday: 'long', timeZone: 'UTC' });
    const days = (['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'] as const)
      .map((key, index) => [dayName.format(Date.UTC(2024, 0, 1 + index)), hours[key]] as const)
      .filter(([, value]) => value?.trim());
    if (!days.length && !hours.note?.trim()) return nothing;
    return html`<section class="hours" part="hours" aria-label=${this.t('card.hours')}>
      <p class="label">${this.t('card.hours')}</p>
      ${days.length ? html`<dl>${days.map(([day, value]) => html`<dt>${day}</dt><dd>${value}</dd>`)}</dl>` : nothing}
      ${hours.note?.trim() ? html`<p>${hours.note}</p>` : nothing}
    </section>`;
  }

  private renderLinks(pole: Pole) {
    const social = (pole.social ?? []).map((url) => safeHttpUrl(url)).filter((url): url is string => !!url);
    const source = pole.source && safeHttpUrl(pole.source.url);
    if (!social.length && !source) return nothing;
    const external = (href: string, label: string) => html`<a href=${href} target="_blank" rel="noopener noreferrer external"
      >${label}<span class="visually-hidden"> ${this.t('card.new-tab')}</span><span aria-hidden="true"> ↗</span></a
    >`;
    return html`<ul class="contact links" part="links" aria-label=${this.t('card.social')}>
      ${social.map((url) => html`<li>${external(url, networkName(url))}</li>`)}
      ${source
        ? html`<li class="source">
            ${external(source, pole.source!.name ? this.t('card.source', { name: pole.source!.name }) : this.t('card.source-unnamed'))}
          </li>`
        : nothing}
    </ul>`;
  }

  private select = () => {
    const state = this.data.state;
    if (state.status !== 'ready' || !state.value.pole) return;
    this.emit('ptce-pole-select', { id: state.value.pole.id, name: state.value.pole.name });
  };

  /** A click anywhere on a compact card selects it, except on its own links and buttons. */
  private onCardClick = (event: MouseEvent) => {
    const interactive = event.composedPath().find((node) => node instanceof HTMLElement && /^(A|BUTTON)$/.test(node.tagName));
    if (!interactive) this.select();
  };
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

declare global {
  interface HTMLElementTagNameMap {
    'ptce-pole-card': PtcePoleCard;
  }
}
