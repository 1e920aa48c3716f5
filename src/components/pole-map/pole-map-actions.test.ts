import { expect, html } from '@open-wc/testing';
import './define.js';
import { choose as chooseOption, fill } from '../../../test/support/input.js';
import { mockEndpoint } from '../../../test/support/mock.js';
import { until } from '../../../test/support/wait.js';
import { mapOf, all } from '../../../test/support/map.js';
import type { PtcePoleMap } from './ptce-pole-map.js';

const DEMO = '/demo/data/ptce.json';
/** The demo poles with a fiche action offering something (seed 004, 2016). */
const OFFERING = ["Bou'Sol", "Domb'Innov", 'Pôle tarnais de Coopération Economique', 'PTCE Ulisse - Soleni'];

const listed = (el: PtcePoleMap) => all(el, '.list .name').map((n) => n.textContent);
const filter = (el: PtcePoleMap, label: string) =>
  all<HTMLLabelElement>(el, '.filters label')
    .find((l) => l.textContent!.trim().startsWith(label))
    ?.querySelector('select');
async function choose(el: PtcePoleMap, label: string, value: string) {
  await chooseOption(filter(el, label)!, value);
  await el.updateComplete;
}

describe('<ptce-pole-map>: fiches action', () => {
  afterEach(() => history.replaceState(null, '', location.pathname + location.search));

  it('finds exactly the poles that offer an action, each saying so in the list, and by the action’s theme', async () => {
    const el = await mapOf(html`<ptce-pole-map endpoint=${DEMO} view="list" sync-url></ptce-pole-map>`);
    const select = filter(el, 'Actions proposées')!;
    expect([...select.options].map((o) => o.textContent!.trim())).to.include.members([
      'Tous les pôles',
      'Propose une action aux autres pôles',
      'Propose une action : Habitat et énergie',
    ]);
    await choose(el, 'Actions proposées', '*');
    await until(() => listed(el).length === OFFERING.length, 'four poles');
    expect(listed(el)).to.deep.equal(OFFERING);
    for (const where of all(el, '.list .where')) expect(where.textContent).to.contain('propose une action aux autres pôles');
    expect(new URLSearchParams(location.hash.slice(1)).get('ptce-action'), 'kept in the URL').to.equal('*');
    await expect(el).to.be.accessible();

    await choose(el, 'Actions proposées', 'habitat-energie');
    await until(() => listed(el).length === 1, 'one pole');
    expect(listed(el)).to.deep.equal(['PTCE Ulisse - Soleni']);
    // The CAE fiche of Les Ateliers is on culture but offers nothing: no match.
    await choose(el, 'Actions proposées', 'alimentation');
    await until(() => listed(el).join() === "Bou'Sol,Pôle tarnais de Coopération Economique", 'food');
    await choose(el, 'Actions proposées', '');
    await until(() => listed(el).length === 40, 'all poles again');
    expect(all(el, '.list .where').filter((w) => w.textContent!.includes('propose une action')).length).to.equal(OFFERING.length);
  });

  it('searches the titles of the fiches, accents aside', async () => {
    const el = await mapOf(html`<ptce-pole-map endpoint=${DEMO} view="list"></ptce-pole-map>`);
    const box = el.shadowRoot!.querySelector<HTMLInputElement>('input[type="search"]')!;
    // The fiche says "Festival Economie du 3ème type"; the pole's own fields never say "festival".
    await fill(box, 'festival économie 3EME');
    await until(() => listed(el).length === 1, 'one result');
    expect(listed(el)).to.deep.equal(["Domb'Innov"]);
    await fill(box, 'circuit-court');
    await until(() => listed(el).length === 1 && listed(el)[0] === 'Pôle tarnais de Coopération Economique', 'the Tarn pole');
  });

  it('has no action filter when no pole offers one', async () => {
    const { url } = await mockEndpoint();
    const plain = await mapOf(html`<ptce-pole-map endpoint=${url} view="list"></ptce-pole-map>`);
    expect(filter(plain, 'Actions proposées')).to.equal(undefined);
  });
});
