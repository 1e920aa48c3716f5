import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { checkDuplicates } from '../../../data/checks/contributions.js';
import type { PtceClient } from '../../../data/client.js';
import { safeHttpUrl } from '../../../data/safe-url.js';
import type { PossibleDuplicate } from '../../../data/schemas/contribution.js';
import type { Translate } from '../../../i18n/index.js';

export interface DuplicateQuery {
  name: string;
  departement: string;
  commune: string;
  website: string;
}

/** Time after the last keystroke before asking the server (a person typing a name is not a request per letter). */
export const DEBOUNCE_MS = 400;

/**
 * The listed poles the pole being typed may duplicate, asked of the endpoint's `duplicates` URL as
 * the name, département, commune or website change (debounced; an older answer never replaces a
 * newer one). A failed request shows nothing: the moderators see the duplicates anyway.
 */
export class DuplicatesController implements ReactiveController {
  poles: PossibleDuplicate[] = [];
  #timer?: ReturnType<typeof setTimeout>;
  #abort?: AbortController;
  #last = '';

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly client: () => PtceClient | undefined,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#abort?.abort();
  }

  /** The draft changed: ask again after a pause, if what is asked changed. */
  watch(query: DuplicateQuery): void {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value.trim()) params.set(key, value.trim());
    const search = params.toString();
    if (search === this.#last) return;
    this.#last = search;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#ask(params), DEBOUNCE_MS);
  }

  async #ask(params: URLSearchParams): Promise<void> {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    const client = this.client();
    if (!params.get('name') && !params.get('website')) return this.#show([]);
    const where = await client?.locate('duplicates', abort.signal);
    if (!where?.ok) return;
    const url = new URL(where.value.url);
    for (const [key, value] of params) url.searchParams.set(key, value);
    const answer = await client!.request(url.href, { method: 'GET' }, abort.signal);
    if (abort.signal.aborted || !answer.ok) return;
    const checked = checkDuplicates(answer.value);
    if (checked.ok) this.#show(checked.value.poles);
  }

  #show(poles: PossibleDuplicate[]): void {
    this.poles = poles;
    this.host.requestUpdate();
  }
}

/**
 * The live region that says so, politely (always in the page, so that a change is announced), with
 * a link to each pole's card: `cardUrl` is a URL template where `{id}` is the pole's id.
 */
export function renderDuplicates(t: Translate, poles: PossibleDuplicate[], cardUrl: string): TemplateResult {
  const href = (id: string) => safeHttpUrl(cardUrl.replace('{id}', encodeURIComponent(id)), document.baseURI);
  return html`<div class="duplicates" part="duplicates" role="status" aria-live="polite">
    ${
      poles.length
        ? html`<p><strong>${t('pole-form.duplicates', { count: poles.length })}</strong></p>
            <ul>
              ${poles.map((pole) => {
                const where = [pole.commune, ...pole.departements].filter(Boolean).join(', ');
                const link = href(pole.id);
                return html`<li>
                  ${link ? html`<a href=${link} part="duplicate-link">${pole.name}</a>` : pole.name}${where ? ` (${where})` : ''} —
                  ${t(pole.reason === 'website' ? 'pole-form.duplicate.website' : 'pole-form.duplicate.name')}
                </li>`;
              })}
            </ul>
            <p class="hint">${t('pole-form.duplicates-hint')}</p>`
        : ''
    }
  </div>`;
}
