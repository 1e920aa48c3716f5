import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './define.js';
import type { PtceReferentiel } from './ptce-referentiel.js';
import { mockRequests, mockRoute, uniquePrefix, type MockRoute } from '../../../test/support/mock.js';
import type { Referentiel } from '../../data/schemas/referentiel.js';
import { until } from '../../../test/support/wait.js';
import { choose, click, fill, press } from '../../../test/support/input.js';

const DEMO = '/demo/data/ptce.json';
const BUNDLE = '/demo/data/regards-croises-demo.json';

async function mount(template: ReturnType<typeof html>) {
  const el = await fixture<PtceReferentiel>(template);
  await until(() => ['ready', 'error'].includes(el.data.state.status), 'référentiel loaded');
  await el.updateComplete;
  return el;
}
const $ = <T extends Element = HTMLElement>(el: PtceReferentiel, s: string) => el.shadowRoot!.querySelector<T>(s)!;
const $$ = <T extends Element = HTMLElement>(el: PtceReferentiel, s: string) => [...el.shadowRoot!.querySelectorAll<T>(s)];
const active = (el: PtceReferentiel) => el.shadowRoot!.activeElement as HTMLInputElement | null;
const progress = (el: PtceReferentiel) => $(el, '[part="progress"] .message').textContent!.trim();

/** An endpoint with the demo référentiel and an `assessments` POST route. */
async function answerEndpoint(route: Partial<MockRoute>) {
  const prefix = uniquePrefix('ref');
  await mockRoute({ path: `${prefix}/referentiel.json`, json: await (await fetch('/demo/data/referentiel.json')).json() });
  await mockRoute({ path: `${prefix}/api/assessments`, ...route });
  await mockRoute({ path: `${prefix}/ptce.json`, json: { ptce: 1, referentiel: 'referentiel.json', assessments: 'api/assessments' } });
  return { url: `${prefix}/ptce.json`, post: `${prefix}/api/assessments` };
}

/** Chooses an answer with the mouse, on its label as a person would. */
async function pick(el: PtceReferentiel, id: string, value: string) {
  const input = $<HTMLInputElement>(el, `input[name="q-${id}"][value="${value}"]`);
  await click(input.closest('label') ?? input);
  await until(() => input.checked, `answer ${value} to ${id} chosen`);
  await el.updateComplete;
}

beforeEach(() => localStorage.clear());

describe('<ptce-referentiel>', () => {
  it('reads the grid, says the content is indicative, and filters by theme', async () => {
    const el = await mount(html`<ptce-referentiel endpoint=${DEMO}></ptce-referentiel>`);
    expect($(el, '[part="notice"]').textContent).to.contain('Contenu indicatif');
    expect($$(el, 'section.general')).to.have.length(3);
    expect($$(el, 'section.principal')).to.have.length(9);
    expect($$(el, 'ol.questions > li')).to.have.length(36);
    expect($(el, 'section.general h3').textContent).to.contain('Cultiver et servir le territoire');
    await choose($<HTMLSelectElement>(el, 'select'), 'environnement');
    await until(() => $$(el, 'ol.questions > li').length < 36, 'filtered');
    const shown = $$(el, 'ol.questions > li');
    expect(shown.length).to.be.within(1, 35);
    for (const li of shown) expect(li.querySelector('.tags')!.textContent).to.contain("Relations à l'environnement");
    expect($(el, '.grid [role="status"]').textContent).to.contain(`${shown.length} question`);
    await expect(el).to.be.accessible();
  });

  it('fits the page outline with heading-level', async () => {
    const el = await mount(html`<ptce-referentiel endpoint=${DEMO} heading-level="3"></ptce-referentiel>`);
    expect(el.shadowRoot!.querySelector('h3')!.textContent).to.contain("Référentiel d'action PTCE");
    expect($(el, 'section.general h4').textContent).to.contain('Cultiver et servir le territoire');
    expect($(el, 'section.principal h5')).to.exist;
    expect(el.shadowRoot!.querySelector('h2')).to.equal(null);
  });

  it("reads in English, with the référentiel's English labels", async () => {
    const el = await mount(html`<ptce-referentiel endpoint=${DEMO} lang="en"></ptce-referentiel>`);
    await until(() => el.shadowRoot!.textContent!.includes('Indicative content'), 'English');
    expect($(el, 'section.general h3').textContent).to.contain('Cultivate and serve the territory');
    expect($(el, 'h2').textContent).to.equal('PTCE action référentiel — illustrative version');
  });

  it('can be answered with the keyboard alone: arrows choose, up and down change question', async () => {
    const { url } = await answerEndpoint({ status: 201, json: { reference: 'EVAL-1', receivedAt: '2026-11-24T10:00:00Z' } });
    const el = await mount(html`<ptce-referentiel endpoint=${url} mode="answer" pole-id="p1"></ptce-referentiel>`);
    expect(progress(el)).to.equal('0 / 36 questions renseignées');
    $<HTMLInputElement>(el, 'input[name="q-1.1.1"]').focus();
    await press('Space');
    await press('ArrowRight');
    await until(() => active(el)?.value === '2' && progress(el).startsWith('1 /'), 'second level chosen');
    expect(active(el)!.name).to.equal('q-1.1.1');
    expect(active(el)!.value).to.equal('2');
    expect(progress(el)).to.equal('1 / 36 questions renseignées');
    await press('ArrowDown');
    await until(() => active(el)?.name === 'q-1.1.2', 'down goes to the next question');
    await press('Space');
    await until(() => progress(el) === '2 / 36 questions renseignées', 'second answer counted');
    await press('ArrowUp');
    await until(() => active(el)?.name === 'q-1.1.1', 'up goes back');
    expect(active(el)!.checked, 'up lands on the chosen level').to.equal(true);
    const names = new Set($$<HTMLInputElement>(el, 'fieldset.question input[type="radio"]').map((r) => r.name));
    expect(names.size).to.equal(36);
    for (const group of $$(el, 'fieldset.question')) expect(group.querySelector('legend')!.textContent!.trim()).to.not.equal('');
    await expect(el).to.be.accessible();
  });

  it('autosaves answers and restores them after a reload', async () => {
    const { url } = await answerEndpoint({ status: 201, json: { reference: 'EVAL-1', receivedAt: '2026-11-24T10:00:00Z' } });
    const first = await mount(html`<ptce-referentiel endpoint=${url} mode="answer" pole-id="p2"></ptce-referentiel>`);
    await pick(first, '1.1.1', '3');
    await pick(first, '2.1.1', 'na');
    await first.updateComplete;
    first.remove();
    const second = await mount(html`<ptce-referentiel endpoint=${url} mode="answer" pole-id="p2"></ptce-referentiel>`);
    expect($<HTMLInputElement>(second, 'input[name="q-1.1.1"][value="3"]').checked).to.equal(true);
    expect($<HTMLInputElement>(second, 'input[name="q-2.1.1"][value="na"]').checked).to.equal(true);
    expect(progress(second)).to.equal('2 / 36 questions renseignées');
    const other = await mount(html`<ptce-referentiel endpoint=${url} mode="answer" pole-id="autre"></ptce-referentiel>`);
    expect(progress(other), 'drafts are per pole').to.equal('0 / 36 questions renseignées');
  });

  it('keeps the answers when sending fails, and a retry reuses the idempotency key', async () => {
    const { url, post } = await answerEndpoint({ status: 503, json: { error: 'unavailable' } });
    const el = await mount(html`<ptce-referentiel endpoint=${url} mode="answer" pole-id="p3" pole-name="Pôle trois"></ptce-referentiel>`);
    await click($<HTMLButtonElement>(el, '[part="send"]'));
    await until(() => $(el, '.message.error')?.textContent?.includes('Indiquez votre rôle'), 'role asked for');
    await choose($<HTMLSelectElement>(el, '#role'), 'collectivite');
    await pick(el, '1.1.1', '4');
    await click($<HTMLButtonElement>(el, '[part="send"]'));
    await until(() => el.shadowRoot!.querySelector('[role="alert"]')?.textContent?.includes('HTTP 503'), 'failure shown');
    expect($(el, '[role="alert"]').textContent).to.contain('restent enregistrées');
    expect($<HTMLInputElement>(el, 'input[name="q-1.1.1"][value="4"]').checked).to.equal(true);
    await mockRoute({ path: post, status: 201, json: { reference: 'EVAL-42', receivedAt: '2026-11-24T10:00:00Z' } });
    const sent = oneEvent(el, 'ptce-assessment-sent');
    await click($<HTMLButtonElement>(el, '[part="send"]'));
    expect(((await sent) as CustomEvent).detail).to.deep.equal({ reference: 'EVAL-42' });
    await until(() => el.shadowRoot!.textContent!.includes('EVAL-42'), 'reference shown');
    const requests = await mockRequests(post);
    expect(requests).to.have.length(2);
    expect(requests[0].headers['idempotency-key']).to.equal(requests[1].headers['idempotency-key']);
    const body = JSON.parse(requests[1].body);
    expect(body).to.deep.include({
      referentielId: 'referentiel-ptce-illustratif',
      referentielVersion: '0.1',
      poleId: 'p3',
      poleName: 'Pôle trois',
    });
    expect(body.respondent).to.deep.equal({ role: 'collectivite' });
    expect(body.answers).to.deep.equal({ '1.1.1': { value: 4 } });
  });

  it('exports a CSV a French spreadsheet opens: BOM, semicolons, UTF-8 accents', async () => {
    const el = await mount(html`<ptce-referentiel endpoint=${DEMO} mode="answer" no-draft></ptce-referentiel>`);
    await pick(el, '1.1.1', '3');
    await click($(el, 'fieldset[data-id="1.1.1"] summary'));
    const textarea = $<HTMLTextAreaElement>(el, 'fieldset[data-id="1.1.1"] textarea');
    await until(() => textarea.checkVisibility?.() ?? true, 'comment field open');
    await fill(textarea, 'Réponse nuancée; à discuter');
    await until(() => textarea.value === 'Réponse nuancée; à discuter');
    await el.updateComplete;
    const referentiel = (el.data.state as { value: { referentiel: Referentiel } }).value.referentiel;
    const bytes = new TextEncoder().encode(el.csvOf(referentiel));
    expect([...bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const [header, first] = text.split('\r\n');
    expect(header).to.equal('Objectif général;Objectif principal;Indicateur;Libellé;Question;Réponse;Niveau;Commentaire');
    expect(first.split(';').slice(0, 3)).to.deep.equal([
      'Cultiver et servir le territoire',
      'Connaître et valoriser les ressources du territoire',
      '1.1.1',
    ]);
    expect(first).to.contain(';En progression;3;"Réponse nuancée; à discuter"');
    expect([...bytes].includes(0xc3), 'é is encoded in UTF-8 (0xC3 0xA9)').to.equal(true);
    expect(text.trim().split('\r\n')).to.have.length(37);
  });

  it('imports a JSON export back, and refuses a bad file with a message', async () => {
    const el = await mount(html`<ptce-referentiel endpoint=${DEMO} mode="answer" no-draft></ptce-referentiel>`);
    const input = $<HTMLInputElement>(el, '.actions input[type="file"]');
    const message = () => el.shadowRoot!.querySelector('.actions ~ .message')?.textContent ?? '';
    const load = async (content: string) => {
      const before = message();
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], 'export.json', { type: 'application/json' }));
      // The system file chooser is outside the page: the file is handed to the input as it would.
      input.files = transfer.files;
      input.dispatchEvent(new Event('change'));
      await until(() => message() && message() !== before, 'a new message');
      await el.updateComplete;
    };
    await load('pas du json');
    expect($(el, '[role="alert"]').textContent).to.contain('ce n’est pas un fichier JSON');
    await load(JSON.stringify({ referentielId: 'autre', referentielVersion: '9', respondent: { role: 'x' }, answers: {} }));
    expect($(el, '[role="alert"]').textContent).to.contain('pas un export de ce référentiel').and.to.contain('referentielVersion');
    await load(
      JSON.stringify({
        referentielId: 'referentiel-ptce-illustratif',
        referentielVersion: '0.1',
        respondent: { role: 'collectivite', name: 'Alex' },
        answers: { '1.2.1': { value: 2 }, '3.3.3': { value: 'na' } },
      }),
    );
    expect(el.shadowRoot!.textContent).to.contain('Réponses importées');
    expect($<HTMLInputElement>(el, 'input[name="q-1.2.1"][value="2"]').checked).to.equal(true);
    expect(progress(el)).to.equal('2 / 36 questions renseignées');
  });

  it('summarises a known assessment: means, answered counts, strengths and points to work on', async () => {
    const answers: Record<string, { value: number | 'na' }> = {
      '1.1.1': { value: 4 },
      '1.1.2': { value: 4 },
      '1.1.3': { value: 3 },
      '1.1.4': { value: 'na' },
      '1.2.1': { value: 1 },
      '1.2.2': { value: 2 },
    };
    const assessment = {
      referentielId: 'referentiel-ptce-illustratif',
      referentielVersion: '0.1',
      respondent: { role: 'coordination' },
      answers,
    };
    const el = await mount(html`<ptce-referentiel endpoint=${DEMO} mode="summary" .assessment=${assessment}></ptce-referentiel>`);
    const rows = $$(el, '[part="summary"] tbody tr').map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim()));
    expect(rows[0]).to.deep.equal(['1.1', 'Connaître et valoriser les ressources du territoire', '3,7', '4 / 4']);
    expect(rows[1]).to.deep.equal(['1.2', 'Répondre aux besoins du territoire', '1,5', '2 / 4']);
    expect(rows[2].slice(2)).to.deep.equal(['non renseigné', '0 / 4']);
    const [strengths, toWork] = $$(el, '.lists > div');
    expect(strengths.textContent).to.contain('Connaître et valoriser').and.not.to.contain('Répondre aux besoins');
    expect(toWork.textContent).to.contain('Répondre aux besoins du territoire (1,5)');
    expect($(el, 'svg.radar').getAttribute('role')).to.equal('img');
    await expect(el).to.be.accessible();
  });

  it('draws the radar beside its table at a desktop width, and above it on a phone, never over it', async () => {
    const answers = { '1.1.1': { value: 4 }, '1.2.1': { value: 2 } };
    const assessment = {
      referentielId: 'referentiel-ptce-illustratif',
      referentielVersion: '0.1',
      respondent: { role: 'coordination' },
      answers,
    };
    for (const width of [900, 360]) {
      const el = await mount(
        html`<ptce-referentiel
          endpoint=${DEMO}
          mode="summary"
          .assessment=${assessment}
          style="display:block;width:${width}px"
        ></ptce-referentiel>`,
      );
      const radar = $(el, 'svg.radar').getBoundingClientRect();
      const table = $(el, '[part="summary"] table').getBoundingClientRect();
      const overlap =
        Math.max(0, Math.min(radar.right, table.right) - Math.max(radar.left, table.left)) *
        Math.max(0, Math.min(radar.bottom, table.bottom) - Math.max(radar.top, table.top));
      expect(overlap, `${width} px: radar and table do not overlap`).to.equal(0);
      expect(radar.width, `${width} px: radar width`).to.be.within(150, 260);
      expect(radar.height).to.be.closeTo(radar.width, 1);
      el.remove();
    }
  });

  it('says when nothing stands out rather than asking for more answers', async () => {
    const referentiel = await (await fetch('/demo/data/referentiel.json')).json();
    const ids: string[] = referentiel.objectives.flatMap((o: any) =>
      o.principalObjectives.flatMap((p: any) => p.indicators.map((i: any) => i.id)),
    );
    const assessment = {
      referentielId: referentiel.id,
      referentielVersion: referentiel.version,
      respondent: { role: 'x' },
      answers: Object.fromEntries(ids.map((id, i) => [id, { value: (i % 2) + 2 }])),
    };
    const el = await mount(html`<ptce-referentiel endpoint=${DEMO} mode="summary" .assessment=${assessment}></ptce-referentiel>`);
    for (const list of $$(el, '.lists > div')) expect(list.textContent).to.contain('Aucun objectif principal ne ressort');
  });

  it('compares the views of one pole, most divergent questions first', async () => {
    const el = await mount(html`<ptce-referentiel endpoint=${DEMO} mode="compare" assessments-src=${BUNDLE}></ptce-referentiel>`);
    const { assessments } = await (await fetch(BUNDLE)).json();
    const spread = (id: string) => {
      const levels = assessments.map((a: any) => a.answers[id]?.value).filter((v: unknown) => typeof v === 'number');
      return Math.max(...levels) - Math.min(...levels);
    };
    const order = $$(el, '.compare-row').map((row) => row.dataset.id!);
    expect(order).to.have.length(36);
    const spreads = order.map(spread);
    expect(spreads).to.deep.equal([...spreads].sort((a, b) => b - a));
    expect(order[0]).to.equal('1.3.4');
    expect($$(el, '.divergent li')).to.have.length(5);
    expect($(el, '.legend').textContent).to.contain('Collectivité territoriale');
    expect($$(el, '.compare-row')[0].querySelectorAll('circle')).to.have.length(4);
    await expect(el).to.be.accessible();
  });

  it('never puts two poles side by side', async () => {
    const { assessments } = await (await fetch(BUNDLE)).json();
    const stranger = { ...assessments[0], poleId: 'autre-pole', poleName: 'Un autre pôle' };
    const el = await mount(
      html`<ptce-referentiel endpoint=${DEMO} mode="compare" .assessments=${[...assessments, stranger]}></ptce-referentiel>`,
    );
    expect($(el, '[role="alert"]').textContent).to.contain('Un autre pôle').and.to.contain('un seul pôle');
    expect(el.shadowRoot!.textContent).to.contain('Les réponses de 4 acteurs');
  });
});
