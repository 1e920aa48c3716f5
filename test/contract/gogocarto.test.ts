import { expect } from '@open-wc/testing';
import { fromGogocarto } from '../../src/data/adapters/gogocarto.js';
import { PtceClient } from '../../src/data/client.js';
import { loadPoles } from '../../src/data/poles.js';
import { validateEach, validate } from '../../src/data/validate.js';
import { Pole } from '../../src/data/schemas/pole.js';
import { mockRoute, uniquePrefix } from '../support/mock.js';

const sample = async () => (await fetch('/test/fixtures/gogocarto-sample.json')).json();

describe('Carteco / GoGoCarto adapter', () => {
  it('maps GoGoCarto elements to valid poles', async () => {
    const adapted = fromGogocarto(await sample()) as { themes: { id: string; label: string }[]; poles: unknown[] };
    const { valid, skipped } = validateEach((data, prefix) => validate(Pole, data, prefix), adapted.poles, 'poles');
    expect(valid.map((p) => p.id)).to.deep.equal(['a1B2', '42', 're-1']);
    expect(skipped.map((s) => [s.id, s.issues[0].path])).to.deep.equal([['sans-nom', 'poles[3].name']]);
    const [nantes, corse, reunion] = valid;
    expect(nantes).to.deep.include({
      name: 'Les Écosolies',
      commune: 'Nantes',
      departments: ['44'],
      geo: { lat: 47.2012, lon: -1.5711 },
      website: 'https://www.ecosolies.fr/',
      email: 'contact@example.org',
      phone: '02 40 00 00 00',
      themes: ['accompagnement', 'economie-circulaire'],
    });
    expect(corse.departments).to.deep.equal(['2A']);
    expect(corse.themes).to.deep.equal(['economie-circulaire']);
    expect(reunion.departments).to.deep.equal(['974']);
    expect(reunion.geo).to.deep.equal({ lat: -20.8789, lon: 55.4481 });
    expect(reunion.website, 'unsafe URL dropped').to.equal(undefined);
    expect(adapted.themes).to.deep.equal([
      { id: 'accompagnement', label: 'Accompagnement' },
      { id: 'economie-circulaire', label: 'Économie circulaire' },
    ]);
  });

  it('is chosen by the discovery document ({"poles": {"url", "format": "gogocarto"}})', async () => {
    const prefix = uniquePrefix();
    await mockRoute({ path: `${prefix}/ptce.json`, json: { ptce: 1, poles: { url: 'export/elements.json', format: 'gogocarto' } } });
    await mockRoute({ path: `${prefix}/export/elements.json`, json: await sample() });
    const result = await loadPoles(new PtceClient(`${prefix}/ptce.json`));
    expect(result.ok).to.equal(true);
    if (!result.ok) return;
    expect(result.value.value.poles.map((p) => p.name)).to.deep.equal(['Les Écosolies', "Pôle corse d'exemple", "Pôle réunionnais d'exemple"]);
    expect(result.value.skipped).to.have.length(1);
    expect(result.value.value.themes.map((t) => t.id)).to.deep.equal(['accompagnement', 'economie-circulaire']);
  });
});
