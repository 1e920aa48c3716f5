import { expect, html } from '@open-wc/testing';
import { fromGogocarto } from '../../src/data/adapters/gogocarto.js';
import { PtceClient } from '../../src/data/client.js';
import { collect, loadPoles } from '../../src/data/poles.js';
import { lenient } from '../../src/data/lenient.js';
import { telHref } from '../../src/data/safe-url.js';
import type { Pole, PoleCollection } from '../../src/data/schemas/pole.js';
import type { LoadedList } from '../../src/data/client.js';
import '../../src/components/pole-map/define.js';
import type { PtcePoleMap } from '../../src/components/pole-map/ptce-pole-map.js';
import { mockRoute, uniquePrefix } from '../support/mock.js';
import { mount } from '../support/mount.js';
import { until } from '../support/wait.js';
import { all } from '../support/map.js';

const json = async (path: string) => (await fetch(path)).json();
const SOURCE = 'https://carteco.example.org/api/elements.json';

/** Adapts and validates like loadPoles does, without a server: the list as the widgets get it. */
function load(raw: unknown, taxonomy?: unknown, url = SOURCE): LoadedList<PoleCollection> {
  const adapted = fromGogocarto(raw, { url, taxonomy });
  if (!adapted.ok) throw new Error('adapter failed');
  const result = collect(url, adapted.value, lenient);
  if (!result.ok) throw new Error(`document refused: ${JSON.stringify(result.failure)}`);
  return result.value;
}
const one = (element: Record<string, unknown>, taxonomy?: unknown) => {
  const list = load({ data: [{ id: 'e1', name: 'Élément', geo: { latitude: 45, longitude: 5 }, ...element }] }, taxonomy);
  expect(list.skipped, 'the pole is kept').to.deep.equal([]);
  expect(list.value.poles).to.have.length(1);
  return { pole: list.value.poles[0] as Pole, list };
};
const labels = (list: LoadedList<PoleCollection>, pole: Pole) =>
  (pole.themes ?? []).map((id) => list.value.themes.find((t) => t.id === id)?.label);

/** GoGoCarto's option names by id, from its taxonomy (to check themes against). */
function optionNames(taxonomy: unknown): Map<string, string> {
  const names = new Map<string, string>();
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.id !== undefined && typeof record.name === 'string' && !('options' in record)) names.set(String(record.id), record.name);
    for (const key of ['options', 'subcategories', 'suboptions']) if (Array.isArray(record[key])) (record[key] as unknown[]).forEach(walk);
  };
  walk(taxonomy);
  return names;
}

describe("Carteco / GoGoCarto adapter: GoGoCarto's published sample data", () => {
  it('shows every element GoGoCarto shows, on the map and in the list, with its category names as themes', async () => {
    const elements = await json('/test/fixtures/gogocarto-js/elements.json');
    const taxonomy = await json('/test/fixtures/gogocarto-js/taxonomy-full.json');
    const prefix = uniquePrefix('gogo');
    await mockRoute({
      path: `${prefix}/ptce.json`,
      json: { ptce: 1, poles: { url: 'elements.json', format: 'gogocarto', taxonomy: 'taxonomy.json', name: 'Carteco' } },
    });
    await mockRoute({ path: `${prefix}/elements.json`, json: elements });
    await mockRoute({ path: `${prefix}/taxonomy.json`, json: taxonomy });

    // What GoGoCarto shows by default: status 1 or more, at least one known category.
    const names = optionNames(taxonomy);
    const shown = (elements.data as { id: string; name: string; status: number; taxonomy: unknown[] }[]).filter(
      (e) => e.status >= 1 && e.taxonomy.some((id) => names.has(String(id))),
    );
    expect(shown).to.have.length(12);

    const result = await loadPoles(new PtceClient(`${prefix}/ptce.json`));
    if (!result.ok) throw new Error(JSON.stringify(result.failure));
    const { poles, themes } = result.value.value;
    expect(result.value.skipped).to.deep.equal([]);
    expect(poles.map((p) => p.id)).to.deep.equal(shown.map((e) => e.id));
    for (const element of shown) {
      const pole = poles.find((p) => p.id === element.id)!;
      const themeLabels = (pole.themes ?? []).map((id) => themes.find((t) => t.id === id)?.label);
      expect(themeLabels, element.name).to.include.members([...new Set(element.taxonomy.map((id) => names.get(String(id))))]);
      expect(pole.email, 'masked e-mail is absent').to.equal(undefined);
    }
    // Sub-categories keep their parent ("Epicerie & Supérette" is under "Agriculture & Alimentation").
    const grocery = themes.find((t) => t.label === 'Epicerie & Supérette')!;
    expect(themes.find((t) => t.id === grocery.parent)?.label).to.equal('Agriculture & Alimentation');

    const el = await mount<PtcePoleMap>(html`<ptce-pole-map endpoint=${`${prefix}/ptce.json`} style="width:1000px"></ptce-pole-map>`);
    await until(() => el.shadowRoot!.querySelector('.list'));
    const listed = [...el.shadowRoot!.querySelectorAll('.list .name')].map((n) => n.textContent);
    expect(listed).to.have.members(shown.map((e) => e.name));
    // The marks are drawn by the map's inner drawing element, loaded beside the poles.
    await until(() => all(el, '.marker').length, 'the marks drawn');
    const onMap = all(el, '.marker').reduce(
      (sum, m) => sum + (m.classList.contains('bubble') ? Number(m.nextElementSibling!.textContent) : 1),
      0,
    );
    expect(onMap, 'every element has a marker').to.equal(12);
    expect(el.shadowRoot!.querySelector('[part="skipped"]')).to.equal(null);
    // The theme filter lists sub-categories indented right under their category.
    const options = [...el.shadowRoot!.querySelectorAll('select option')].map((o) => o.textContent!);
    const at = options.findIndex((o) => o.trim() === 'Epicerie & Supérette');
    expect(options[at]).to.match(/^\u00a0\u00a0\S/);
    expect(
      options
        .slice(0, at)
        .reverse()
        .find((o) => !o.startsWith('\u00a0')),
    ).to.equal('Agriculture & Alimentation');
    await expect(el).to.be.accessible();
  });

  it('still loads, with the categories given by name, when the taxonomy cannot be loaded', async () => {
    const prefix = uniquePrefix('gogo');
    await mockRoute({
      path: `${prefix}/ptce.json`,
      json: { ptce: 1, poles: { url: 'elements.json', format: 'gogocarto', taxonomy: 'absent.json' } },
    });
    await mockRoute({ path: `${prefix}/absent.json`, status: 404, json: { error: 'not found' } });
    await mockRoute({ path: `${prefix}/elements.json`, json: { data: [{ id: 1, name: 'A', categories: ['Culture', 12] }] } });
    const result = await loadPoles(new PtceClient(`${prefix}/ptce.json`));
    if (!result.ok) throw new Error(JSON.stringify(result.failure));
    expect(result.value.value.poles).to.have.length(1);
    expect(result.value.value.poles[0]).to.deep.include({ id: '1', name: 'A', themes: ['culture'] });
  });

  it("keeps the elements of the project's older sample (names, ids, an unsafe website)", async () => {
    const list = load(await json('/test/fixtures/gogocarto-sample.json'));
    expect(list.value.poles.map((p) => p.id)).to.deep.equal(['a1B2', '42', 're-1']);
    expect(list.skipped.map((s) => [s.id, s.issues[0].path])).to.deep.equal([['sans-nom', 'poles[3].name']]);
    const [nantes, corse, reunion] = list.value.poles;
    expect(nantes).to.deep.include({
      commune: 'Nantes',
      address: '8 rue Saint-Domingue',
      postcode: '44200',
      departments: ['44'],
      website: 'https://www.ecosolies.fr/',
    });
    expect(corse.departments).to.deep.equal(['2A']);
    expect(reunion.departments).to.deep.equal(['974']);
    expect(reunion.website).to.equal(undefined);
    expect(list.dropped).to.deep.include({ index: 2, id: 're-1', field: 'website', reason: 'invalid format' });
  });
});

describe('Carteco / GoGoCarto adapter: each case keeps its pole', () => {
  it('treats "hidden" and other masked values as absent', () => {
    const { pole, list } = one({ email: 'hidden', telephone: 'masqué', website: 'hidden' });
    expect(pole).to.not.have.any.keys('email', 'phone', 'website');
    expect(list.dropped).to.deep.equal([]);
  });

  it('resolves numeric category ids (taxonomy or categories) through the taxonomy', () => {
    const taxonomy = {
      name: 'Catégories',
      options: [{ id: 7, name: 'Alimentation', subcategories: [{ name: 'Type', options: [{ id: 71, name: 'Épicerie' }] }] }],
    };
    const a = one({ taxonomy: [71, '7'] }, taxonomy);
    expect(labels(a.list, a.pole)).to.have.members(['Alimentation', 'Épicerie']);
    const b = one({ categories: [71] }, taxonomy);
    expect(labels(b.list, b.pole)).to.have.members(['Alimentation', 'Épicerie']);
    expect(b.list.value.themes.find((t) => t.label === 'Épicerie')!.parent).to.equal('alimentation');
  });

  it('prefers the category names (categoriesFull, categories) over taxonomy ids', () => {
    const a = one({ taxonomy: [1, 2], categories: ['Culture', 'Emploi'] });
    expect(labels(a.list, a.pole)).to.deep.equal(['Culture', 'Emploi']);
    const b = one({ taxonomy: [1], categories: [1], categoriesFull: [{ id: 1, name: 'Mobilité', index: 0 }] });
    expect(labels(b.list, b.pole)).to.deep.equal(['Mobilité']);
  });

  it('keeps a phone with words, shows it as written and links it in E.164', () => {
    const { pole } = one({ telephone: '04 75 00 00 00 (accueil)' });
    expect(pole.phone).to.equal('04 75 00 00 00 (accueil)');
    expect(telHref(pole.phone!)).to.equal('tel:+33475000000');
    expect(telHref(one({ telephone: '967556221' }).pole.phone!), 'GoGoCarto drops the leading 0').to.equal('tel:+33967556221');
    expect(telHref('0262 12 34 56'), 'La Réunion').to.equal('tel:+262262123456');
    expect(telHref('12 34 56 78'), 'not a French number, no country code: no link').to.equal(undefined);
  });

  it('reads "contact at example.org" as an e-mail, and drops (and reports) one it cannot read', () => {
    expect(one({ email: 'contact at example.org' }).pole.email).to.equal('contact@example.org');
    expect(one({ email: 'contact [at] example [dot] org' }).pole.email).to.equal('contact@example.org');
    const { pole, list } = one({ email: 'écrivez-nous' });
    expect(pole.email).to.equal(undefined);
    expect(list.dropped).to.deep.equal([{ index: 0, id: 'e1', field: 'email', reason: 'invalid format' }]);
  });

  it('reads a French date for updatedAt', () => {
    expect(one({ updatedAt: '25/11/2026' }).pole.updatedAt).to.equal('2026-11-25');
    expect(one({ updatedAt: '2024-05-02 10:00:00' }).pole.updatedAt).to.equal('2024-05-02T10:00:00');
    const odd = one({ updatedAt: 'hier' });
    expect(odd.pole.updatedAt).to.equal(undefined);
    expect(odd.list.dropped[0].field).to.equal('updatedAt');
  });

  it('makes a theme of a category with no Latin letter, and the document loads', () => {
    const { pole, list } = one({ categories: ['Культура', '文化', 'Culture'] });
    expect(labels(list, pole)).to.deep.equal(['Культура', '文化', 'Culture']);
    expect(pole.themes).to.deep.equal(['культура', '文化', 'culture']);
    const symbols = one({ categories: ['★★★'] });
    expect(symbols.pole.themes, 'a name of symbols only is its own id').to.deep.equal(['★★★']);
  });

  it('brings the street address, as an object or a written line', () => {
    expect(one({ address: { streetAddress: '5 rue Edmond Proust', postalCode: '79120', addressLocality: 'Chenay' } }).pole).to.deep.include(
      {
        address: '5 rue Edmond Proust',
        postcode: '79120',
        commune: 'Chenay',
        departments: ['79'],
      },
    );
    expect(one({ address: '8 rue Saint-Domingue, 44200 Nantes' }).pole).to.deep.include({
      address: '8 rue Saint-Domingue',
      postcode: '44200',
      commune: 'Nantes',
    });
    expect(one({ address: 'Zone artisanale' }).pole.address).to.equal('Zone artisanale');
  });

  it('reads lat/lng and title', () => {
    const list = load([{ id: 'x', title: 'Par le titre', lat: '45,5', lng: 4.8 }]);
    expect(list.value.poles[0]).to.deep.include({ name: 'Par le titre', geo: { lat: 45.5, lon: 4.8 } });
  });

  it('turns numeric postcodes into departments, Corsica into 2A or 2B', () => {
    expect(one({ address: { postalCode: 44200 } }).pole.departments).to.deep.equal(['44']);
    expect(one({ address: { postalCode: 1000 } }).pole).to.deep.include({ postcode: '01000', departments: ['01'] });
    expect(one({ address: { postalCode: 20090 } }).pole.departments).to.deep.equal(['2A']);
    expect(one({ address: { postalCode: '20200' } }).pole.departments).to.deep.equal(['2B']);
  });

  it('leaves out deleted, refused, duplicate and pending elements, as GoGoCarto does', () => {
    const statuses = {
      '-7': 'aggregated',
      '-6': 'duplicate',
      '-4': 'deleted',
      '-3': 'refused by votes',
      '-2': 'refused',
      '-1': 'pending change',
      '0': 'pending',
      '1': 'validated',
      '2': 'validated by votes',
      '7': 'imported',
    };
    const list = load({
      data: Object.entries(statuses).map(([status, name]) => ({ id: name, name, status: Number(status), moderationState: 1 })),
    });
    expect(list.value.poles.map((p) => p.id)).to.deep.equal(['validated', 'validated by votes', 'imported']);
    expect(list.skipped).to.deep.equal([]);
  });

  it('reads the compact shape with its mapping', () => {
    const list = load({
      ontology: 'gogocompact',
      mapping: ['id', ['name', 'address'], 'latitude', 'longitude', 'categories', 'status', 'moderationState'],
      data: [
        ['c1', ['Pôle compact', '{"postalCode":"35000","addressLocality":"Rennes"}'], 48.11, -1.68, [['Mobilité', 0]], 1, 0],
        ['c2', ['En attente', null], 48.1, -1.6, [], 0, 0],
      ],
    });
    expect(list.value.poles).to.have.length(1);
    expect(list.value.poles[0]).to.deep.include({
      id: 'c1',
      name: 'Pôle compact',
      commune: 'Rennes',
      departments: ['35'],
      geo: { lat: 48.11, lon: -1.68 },
    });
    expect(labels(list, list.value.poles[0])).to.deep.equal(['Mobilité']);
  });

  it('turns an HTML description into plain text, without running or loading anything', async () => {
    let ran = false;
    (window as unknown as { gogoRan: () => void }).gogoRan = () => (ran = true);
    const { pole } = one({
      description: '<p>Un <b>tiers-lieu</b></p><p>à Crest<img src=x onerror="gogoRan()"><script>gogoRan()</script></p>',
      descriptionMore: "<a href='coucou'>Tous produits</a>",
    });
    expect(pole.description).to.equal('Un tiers-lieu\nà Crest\n\nTous produits');
    // A broken image of our own has had the time to fail: the payload's would have too.
    let failed = false;
    const sentinel = new Image();
    sentinel.onerror = () => (failed = true);
    sentinel.src = `/no-such-image-${Date.now()}.png`;
    await until(() => failed);
    expect(ran).to.equal(false);
  });

  it("takes images only from the source's own origin, the first as logo", () => {
    expect(one({ images: ['https://elsewhere.example/a.png', '/uploads/logo.png'] }).pole.logo).to.deep.equal({
      url: 'https://carteco.example.org/uploads/logo.png',
    });
    expect(one({ image: 'https://images.duckduckgo.com/iu/?u=x' }).pole.logo).to.equal(undefined);
  });

  it("brings opening hours, social links and the element's page on the source", () => {
    const { pole } = one({
      openHours: { Mo: '09:00-12:00', Fr: '09:00-11:30 & 14:00-18:00' },
      openHoursString: 'Fermé en août',
      facebook: 'https://www.facebook.com/exemple',
      reseaux_sociaux: ['https://mastodon.social/@exemple', 'pas un lien'],
    });
    expect(pole.openingHours).to.deep.equal({ mo: '09:00-12:00', fr: '09:00-11:30 & 14:00-18:00', note: 'Fermé en août' });
    expect(pole.social).to.deep.equal(['https://www.facebook.com/exemple', 'https://mastodon.social/@exemple']);
    expect(pole.source).to.deep.equal({ url: 'https://carteco.example.org/annuaire#/fiche/element/e1/', name: 'Carteco' });
  });
});
