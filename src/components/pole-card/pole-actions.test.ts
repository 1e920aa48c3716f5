import { expect, fixture, html } from '@open-wc/testing';
import './define.js';
import type { PtcePoleCard } from './ptce-pole-card.js';
import { HOSTILE_TEXT } from '../../../test/contract/cases.js';
import { until } from '../../../test/support/wait.js';
import { mount } from '../../../test/support/mount.js';

const DEMO = '/demo/data/ptce.json';
const SOURCE = '3e Journée nationale des PTCE, 2016';
const ready = (el: PtcePoleCard) =>
  until(() => ['ready', 'error'].includes(el.data.state.status), 'card settled').then(() => el.updateComplete);
const parts = (el: Element, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const clean = (text: string | null) =>
  (text ?? '')
    .replace(/\s+/g, ' ')
    .replace(/[\u00a0\u202f]/g, ' ')
    .trim();

async function card(template: ReturnType<typeof html>) {
  const el = await fixture<PtcePoleCard>(template);
  await ready(el);
  return el;
}

/** The five fiches of the 2016 Journée (seed 004), by the demo pole they belong to. */
const FICHES: [string, string[]][] = [
  ['bou-sol', ["Bou'sol"]],
  ['domb-innov', ["Festival Economie du 3ème type (Domb'Innov – groupe Val Horizon)"]],
  [
    'pole-tarnais-de-cooperation-economique',
    ['Pôle circuit-court alimentaire (les Ateliers)', "Des Coopératives d'Activité et d'Emploi au sein des PTCE"],
  ],
  ['ptce-ulisse-soleni', ['Soleni (groupe Ulisse)']],
];

describe('<ptce-pole-card>: fiches action', () => {
  it('shows the five demo fiches on their poles’ cards, with stage, perspectives, the offer and the credit', async () => {
    let shown = 0;
    for (const [id, titles] of FICHES) {
      const el = await card(html`<ptce-pole-card endpoint=${DEMO} pole-id=${id}></ptce-pole-card>`);
      const [section] = parts(el, 'actions');
      expect(section, id).to.exist;
      expect(clean(section.querySelector(':is(h1, h2, h3, h4, h5, h6)')!.textContent)).to.equal('Projets et actions');
      const items = parts(el, 'action');
      expect(items.length, id).to.equal(titles.length);
      items.forEach((item, i) => {
        expect(clean(item.querySelector(':is(h1, h2, h3, h4, h5, h6)')!.textContent), id).to.contain(titles[i]);
        expect(item.textContent).to.contain('Stade de développement').and.to.contain(SOURCE).and.to.contain('23 septembre 2016');
      });
      shown += items.length;
      await expect(el).to.be.accessible();
    }
    expect(shown).to.equal(5);
  });

  it('highlights the offer ("Propose : …") and keeps a fiche’s lines', async () => {
    const el = await card(html`<ptce-pole-card endpoint=${DEMO} pole-id="domb-innov"></ptce-pole-card>`);
    const [offer] = parts(el, 'offer');
    expect(clean(offer.textContent)).to.match(/^Propose : - une visite apprenante/);
    // Four points, one per line, as the fiche lists them.
    expect(offer.querySelector('.text')!.getBoundingClientRect().height).to.be.greaterThan(
      3 * (parseFloat(getComputedStyle(offer).lineHeight) || 16),
    );
    const heading = parts(el, 'actions')[0].querySelector(':is(h1, h2, h3, h4, h5, h6)')!;
    // One below the card's own heading (heading-level 2 by default).
    expect(heading.tagName).to.equal('H3');
  });

  it('says in one line of a compact card that the pole offers an action, and nothing for a pole without', async () => {
    const offering = await card(html`<ptce-pole-card endpoint=${DEMO} pole-id="bou-sol" variant="compact"></ptce-pole-card>`);
    expect(parts(offering, 'actions').map((p) => clean(p.textContent))).to.deep.equal(['Propose une action aux autres pôles']);
    expect(parts(offering, 'action')).to.have.length(0);
    await expect(offering).to.be.accessible();
    for (const variant of ['full', 'compact']) {
      const none = await card(html`<ptce-pole-card endpoint=${DEMO} pole-id="ecoop-arc" variant=${variant}></ptce-pole-card>`);
      expect(parts(none, 'actions'), variant).to.have.length(0);
      expect(none.shadowRoot!.textContent).not.to.contain('Propose');
    }
  });

  it('speaks English', async () => {
    const el = await card(html`<ptce-pole-card lang="en" endpoint=${DEMO} pole-id="ptce-ulisse-soleni"></ptce-pole-card>`);
    await until(() => el.shadowRoot!.textContent!.includes('Projects and actions'), 'English section');
    const text = clean(el.shadowRoot!.textContent);
    expect(text)
      .to.contain('Stage of development')
      .and.to.contain('Outlook and ambitions')
      .and.to.contain('Offers:')
      .and.to.contain('September 23, 2016');
    const compact = await card(html`<ptce-pole-card lang="en" endpoint=${DEMO} pole-id="bou-sol" variant="compact"></ptce-pole-card>`);
    await until(() => compact.shadowRoot!.textContent!.includes('Offers an action to other poles'), 'English compact line');
  });

  it('shows hostile fiche text as text, and never links a javascript: website', async () => {
    const pole = {
      id: 'p',
      name: 'P',
      actions: HOSTILE_TEXT.map((text, i) => ({
        id: `a${i}`,
        title: text,
        description: text,
        offer: text,
        stage: text,
        date: '2026-01-01',
        website: 'javascript:alert(1)',
      })),
    };
    const el = await card(html`<ptce-pole-card .pole=${pole}></ptce-pole-card>`);
    // The website is not an http(s) URL: that field alone is dropped from each fiche, leniently.
    expect(parts(el, 'action')).to.have.length(HOSTILE_TEXT.length);
    expect(el.shadowRoot!.querySelector('a[href^="javascript"]')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    const safe = await card(
      html`<ptce-pole-card .pole=${{ ...pole, actions: pole.actions.map(({ website: _w, ...a }) => a) }}></ptce-pole-card>`,
    );
    expect(parts(safe, 'action').map((item) => item.querySelector(':is(h1, h2, h3, h4, h5, h6)')!.textContent)).to.deep.equal(HOSTILE_TEXT);
    expect(safe.shadowRoot!.querySelector('img, script, svg[onload]')).to.equal(null);
  });

  it('repeats no landmark when a page shows the same pole’s card twice (a directory, a sidebar)', async () => {
    // mount, not fixture: open-wc's waits for an animation frame for a plain div, which a hidden tab
    // (test files run in parallel) never gets.
    const page = await mount(
      html`<div>
        <ptce-pole-card endpoint=${DEMO} pole-id="bou-sol"></ptce-pole-card>
        <ptce-pole-card endpoint=${DEMO} pole-id="bou-sol" style="width:320px"></ptce-pole-card>
      </div>`,
    );
    const cards = [...page.querySelectorAll<PtcePoleCard>('ptce-pole-card')];
    for (const el of cards) await ready(el);
    await until(() => cards.every((el) => parts(el, 'actions').length === 1), 'both fiches sections');
    await expect(page).to.be.accessible();
  });
});
