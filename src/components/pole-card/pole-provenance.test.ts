import { expect, fixture, html } from '@open-wc/testing';
import './define.js';
import type { PtcePoleCard } from './ptce-pole-card.js';
import { until } from '../../../test/support/wait.js';

const DEMO = '/demo/data/ptce.json';
const text = (el: Element | null) =>
  el!
    .textContent!.replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
/** Amounts as "9 M€" whatever space an engine puts before the euro sign. */
const amounts = (value: string) => value.replace(/ €/g, '€');
const part = (el: Element, name: string) => el.shadowRoot!.querySelector(`[part~="${name}"]`);

async function card(template: ReturnType<typeof html>) {
  const el = await fixture<PtcePoleCard>(template);
  await until(() => ['ready', 'error'].includes(el.data.state.status), 'card settled');
  await el.updateComplete;
  return el;
}

describe('<ptce-pole-card>: figures with their kind and year, and where the record comes from', () => {
  it("reads Domb'Innov's 9 M€ as its périmètre économique in 2014, not a turnover", async () => {
    const el = await card(html`<ptce-pole-card endpoint=${DEMO} pole-id="domb-innov"></ptce-pole-card>`);
    const figures = [...part(el, 'figures')!.querySelectorAll('li')].map((li) => amounts(text(li)));
    expect(figures).to.deep.equal([
      'Structures de l’ESS membres (2014) : 14',
      'Emplois (2014) : 300',
      'Périmètre économique (2014) : 9 M€',
    ]);
    expect(text(el.shadowRoot as unknown as Element)).not.to.contain('chiffre d’affaires');
    expect(text(part(el, 'provenance'))).to.equal(
      "Source : Liste des signataires de la charte du 19 septembre 2014 (Labo de l'ESS), complétée par le projet ptce-widgets · mis à jour le 24 novembre 2026",
    );
    expect(text(part(el, 'themes-source'))).to.equal('Thématiques : classement de ptce-widgets (classement du projet)');
    await expect(el).to.be.accessible();
  });

  it('says the same in English', async () => {
    const el = await card(html`<ptce-pole-card endpoint=${DEMO} pole-id="domb-innov" lang="en"></ptce-pole-card>`);
    await until(() => text(part(el, 'figures')).includes('Economic scope'), 'English messages loaded');
    expect(text(part(el, 'figures')))
      .to.contain('Economic scope (2014): €9M')
      .and.to.contain('Jobs (2014): 300');
    expect(text(part(el, 'provenance'))).to.match(/^Source: .* · updated on November 24, 2026$/);
    await expect(el).to.be.accessible();
  });

  it('shows a figure without a year as such, the older figures as before, and no provenance line when the data gives none', async () => {
    const el = await card(
      html`<ptce-pole-card
        .pole=${{
          id: 'x',
          name: 'Pôle X',
          keyFigures: [
            { kind: 'budget', value: 120000 },
            { kind: 'fte', value: 12.5, year: 2023 },
          ],
        }}
      ></ptce-pole-card>`,
    );
    expect([...part(el, 'figures')!.querySelectorAll('li')].map((li) => amounts(text(li)))).to.deep.equal([
      'Budget : 120 k€',
      'ETP (2023) : 12,5',
    ]);
    expect(part(el, 'provenance')).to.equal(null);
    const older = await card(
      html`<ptce-pole-card .pole=${{ id: 'y', name: 'Pôle Y', figures: { turnoverEuros: 2000000 } }}></ptce-pole-card>`,
    );
    expect(amounts(text(part(older, 'figures')))).to.equal('2 M€ de chiffre d’affaires');
    const edited = await card(
      html`<ptce-pole-card
        .pole=${{ id: 'z', name: 'Pôle Z', themes: ['a'], factSources: { themes: { by: 'pole' } }, provenance: { editedAt: '2026-03-02T10:00:00Z' } }}
      ></ptce-pole-card>`,
    );
    expect(text(part(edited, 'provenance'))).to.equal('Mis à jour le 2 mars 2026');
    expect(text(part(edited, 'themes-source'))).to.equal('Thématiques données par le pôle');
    await expect(edited).to.be.accessible();
  });

  it('names the region of a pole that has no département', async () => {
    const el = await card(html`<ptce-pole-card endpoint=${DEMO} pole-id="fontaine-o-livres"></ptce-pole-card>`);
    expect(text(part(el, 'territory'))).to.equal('Nord-Est Francilien · Île-de-France');
  });
});
