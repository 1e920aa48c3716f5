import { html, nothing } from 'lit';
import { heading } from '../../../base/heading.js';
import { localize } from '../../../data/localize.js';
import { safeHttpUrl } from '../../../data/safe-url.js';
import type { Charter } from '../../../data/schemas/charter.js';
import type { Translate } from '../../../i18n/index.js';

/** The charter's text, each section a `details` (collapsed on narrow screens: `open` false). */
export function renderCharterText(charter: Charter, { lang, headingLevel, open }: { lang: string; headingLevel: number; open: boolean }) {
  const list = (items: readonly unknown[] | undefined) =>
    items?.length
      ? html`<ul>
          ${items.map((item) => html`<li>${localize(item as string, lang)}</li>`)}
        </ul>`
      : nothing;
  const paragraphs = (items: readonly unknown[] | undefined) => (items ?? []).map((p) => html`<p>${localize(p as string, lang)}</p>`);
  return html`<div class="text" part="text">
    ${heading(headingLevel, 0, localize(charter.title, lang))}
    ${charter.source ? html`<p class="source">${localize(charter.source, lang)}</p>` : nothing}
    ${charter.sections.map(
      (section) =>
        html`<details part="section" ?open=${open}>
          <summary>${localize(section.title, lang)}</summary>
          ${paragraphs(section.paragraphs)} ${list(section.items)} ${paragraphs(section.after)}
        </details>`,
    )}
    ${(charter.footnotes ?? []).map((note) => html`<p class="footnote">${localize(note.text, lang)}</p>`)}
    ${charter.credits ? html`<p class="source">${localize(charter.credits, lang)}</p>` : nothing}
  </div>`;
}

/** In place of the form when the endpoint takes no signatures: where to sign instead. */
export function renderReadOnly(signUrl: string | undefined, t: Translate) {
  const where = safeHttpUrl(signUrl, globalThis.document?.baseURI);
  return html`<p class="notice" part="read-only">
    ${t('charter.read-only')} ${where ? html`<a href=${where}>${t('charter.read-only-where')}</a>` : t('charter.read-only-contact')}
  </p>`;
}
