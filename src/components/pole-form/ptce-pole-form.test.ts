import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './define.js';
import type { PtcePoleForm } from './ptce-pole-form.js';
import { mockRequests, mockRoute, realServerAdmin, uniquePrefix } from '../../../test/support/mock.js';
import { until } from '../../../test/support/wait.js';
import { choose, click, fill } from '../../../test/support/input.js';

/** The real server through the test server's `/real/` proxy: same origin, so every method passes. */
const REAL = '/real/ptce.json';
const BOU_SOL = {
  id: 'bou-sol',
  name: "Bou'Sol",
  departments: ['13'],
  commune: 'Marseille',
  description: 'Un pôle de boulangeries solidaires.',
};

const shadow = (el: Element) => el.shadowRoot!;
const field = <T extends Element = HTMLInputElement>(el: Element, id: string) => shadow(el).querySelector<T>(`#${id}`)!;
async function mountForm(endpoint: string, attrs: { lang?: string; mode?: string; link?: string; noDraft?: boolean } = {}) {
  const el = await fixture<PtcePoleForm>(
    html`<ptce-pole-form
      endpoint=${endpoint}
      lang=${attrs.lang ?? 'fr'}
      mode=${attrs.mode ?? 'propose'}
      link=${attrs.link ?? ''}
      card-url="https://annuaire.example.org/poles/{id}"
      ?no-draft=${attrs.noDraft ?? false}
    ></ptce-pole-form>`,
  );
  await until(() => el.data.state.status === 'ready' || el.data.state.status === 'error', 'form settled');
  await el.updateComplete;
  return el;
}
const submit = (el: PtcePoleForm) => click(shadow(el).querySelector('[part="submit"]')!);
async function fillContributor(el: PtcePoleForm, tag: string) {
  await fill(field(el, 'f-contributor-name'), 'Camille Martin');
  await fill(field(el, 'f-contributor-email'), `${tag}@example.org`);
}

describe('<ptce-pole-form mode="propose">', () => {
  afterEach(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('ptce-pole-draft:')) localStorage.removeItem(key);
  });

  it('says so when the endpoint takes no proposals', async () => {
    const el = await mountForm('/demo/data/ptce.json');
    expect(shadow(el).querySelector('[part="read-only"]')!.textContent).to.contain('ne reçoit pas de propositions');
    await expect(el).to.be.accessible();
  });

  it('shows the empty form, then every error of an empty submit in a summary that takes focus', async () => {
    const el = await mountForm(REAL, { noDraft: true });
    expect(shadow(el).querySelector('h2')!.textContent).to.equal('Proposer un pôle');
    await expect(el).to.be.accessible();
    await submit(el);
    const summary = await until(() => shadow(el).querySelector<HTMLElement>('[part="error-summary"]'), 'error summary');
    await until(() => shadow(el).activeElement === summary, 'summary focused');
    expect([...summary.querySelectorAll('li')].map((li) => li.textContent!.trim())).to.deep.equal([
      'Nom du pôle : Ce champ est obligatoire.',
      'Département : Choisissez le département du pôle.',
      'Votre nom : Ce champ est obligatoire.',
      'Votre courriel : Ce champ est obligatoire.',
    ]);
    expect(field(el, 'f-pole-name').getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
    await fill(field(el, 'f-pole-website'), 'javascript:alert(1)');
    await fill(field(el, 'f-pole-postcode'), '123');
    await submit(el);
    await until(() => summary.textContent!.includes('Indiquez une adresse commençant par https://'), 'website refused');
    expect(summary.textContent).to.contain('Indiquez un code postal de cinq chiffres.');
  });

  it('a contribution whose name folds to an existing pole’s in the same département shows the duplicate before it is sent', async () => {
    const el = await mountForm(REAL, { noDraft: true });
    const region = shadow(el).querySelector('[part="duplicates"]')!;
    expect(region.getAttribute('aria-live')).to.equal('polite');
    await fill(field(el, 'f-pole-name'), 'BOU SOL');
    await choose(field<HTMLSelectElement>(el, 'f-pole-departments'), '13');
    const link = await until(() => region.querySelector<HTMLAnchorElement>('[part="duplicate-link"]'), 'duplicate shown');
    expect(link.textContent).to.equal("Bou'Sol");
    expect(link.href).to.equal('https://annuaire.example.org/poles/bou-sol');
    expect(region.textContent)
      .to.contain('peut-être déjà dans l’annuaire')
      .and.to.contain('Marseille, 13')
      .and.to.contain('même nom, même territoire');
    await expect(el).to.be.accessible();
    // Shown before anything was sent: the server has no contribution under this name yet.
    const tag = `doublon-${Date.now().toString(36)}`;
    const before = await realServerAdmin('/api/admin/contributions');
    expect(
      before.body.contributions.some((c: { contributor: { email: string } }) => c.contributor?.email === `${tag}@example.org`),
    ).to.equal(false);
    // Another département: the warning goes.
    await choose(field<HTMLSelectElement>(el, 'f-pole-departments'), '84');
    await until(() => !region.querySelector('li'), 'no duplicate elsewhere');

    await choose(field<HTMLSelectElement>(el, 'f-pole-departments'), '13');
    await until(() => region.querySelector('li'), 'duplicate again');
    await fillContributor(el, tag);
    const proposed = oneEvent(el, 'ptce-pole-proposed');
    await submit(el);
    const { detail } = (await proposed) as CustomEvent<{ reference: string }>;
    const receipt = await until(() => shadow(el).querySelector<HTMLElement>('[part="receipt"]'), 'receipt');
    await until(() => shadow(el).activeElement === receipt, 'receipt focused');
    expect(receipt.textContent).to.contain(detail.reference).and.to.contain('Le modérateur verra aussi les pôles proches');
    await expect(el).to.be.accessible();
    const { body } = await realServerAdmin('/api/admin/contributions?status=pending');
    const stored = body.contributions.find((c: { reference: string }) => c.reference === detail.reference);
    expect(stored.pole).to.deep.equal({ name: 'BOU SOL', departments: ['13'] });
    expect(stored.contributor).to.deep.equal({ name: 'Camille Martin', email: `${tag}@example.org` });
    expect(stored.duplicates.map((d: { id: string }) => d.id)).to.deep.equal(['bou-sol']);
    const published = await (await fetch('/real/poles.json')).text();
    expect(published).not.to.contain(`${tag}@example.org`);
  });

  it('keeps a draft through a reload, and retries a failed send with the same Idempotency-Key', async () => {
    const prefix = uniquePrefix('pole-form');
    await mockRoute({ path: `${prefix}/ptce.json`, json: { ptce: 1, contributions: 'api/contributions', duplicates: 'api/duplicates' } });
    await mockRoute({ path: `${prefix}/api/duplicates`, json: { poles: [] } });
    await mockRoute({ path: `${prefix}/api/contributions`, status: 503, json: { error: 'busy, try again' } });
    const first = await mountForm(`${prefix}/ptce.json`);
    await fill(field(first, 'f-pole-name'), 'Pôle du brouillon');
    await choose(field<HTMLSelectElement>(first, 'f-pole-departments'), '35');
    await fillContributor(first, 'brouillon');
    first.remove();
    const el = await mountForm(`${prefix}/ptce.json`);
    expect(field(el, 'f-pole-name').value).to.equal('Pôle du brouillon');
    expect(field<HTMLSelectElement>(el, 'f-pole-departments').value).to.equal('35');
    expect(shadow(el).textContent).to.contain('Votre saisie précédente a été restaurée.');
    await submit(el);
    const alert = await until(() => shadow(el).querySelector<HTMLElement>('.send-failure'), 'send failure');
    await until(() => shadow(el).activeElement === alert, 'failure focused');
    expect(alert.textContent).to.contain('Rien n’est perdu');
    await expect(el).to.be.accessible();
    await submit(el);
    await until(async () => (await mockRequests(`${prefix}/api/contributions`)).length === 2, 'second attempt');
    const [a, b] = await mockRequests(`${prefix}/api/contributions`);
    expect(a.headers['idempotency-key'])
      .to.match(/^pole-/)
      .and.to.equal(b.headers['idempotency-key']);
    expect(JSON.parse(a.body)).to.deep.equal({
      kind: 'new-pole',
      pole: { name: 'Pôle du brouillon', departments: ['35'] },
      contributor: { name: 'Camille Martin', email: 'brouillon@example.org' },
    });
    expect(field(el, 'f-pole-name').value, 'nothing lost').to.equal('Pôle du brouillon');
  });

  it('speaks English', async () => {
    const el = await mountForm(REAL, { lang: 'en', noDraft: true });
    await until(() => shadow(el).textContent!.includes('Propose a pole'), 'English');
    expect(shadow(el).textContent).to.contain('You (never published)').and.to.contain('Département *');
    await expect(el).to.be.accessible();
  });
});

describe('<ptce-pole-form mode="owner">', () => {
  /** An endpoint whose owner routes answer as the records' routes do (api-s8.md). */
  async function ownerEndpoint(session: { status?: number; json?: unknown } = {}) {
    const prefix = uniquePrefix('owner');
    const record = { id: 'bou-sol', pole: BOU_SOL, version: 3, archivedAt: null, updatedAt: '2026-12-01T00:00:00Z' };
    await mockRoute({ path: `${prefix}/ptce.json`, json: { ptce: 1, owner: 'api/owner' } });
    await mockRoute({
      path: `${prefix}/api/owner/session`,
      status: session.status ?? 200,
      json: session.json ?? {
        token: 'owner-token-1',
        expiresAt: '2099-01-01T00:00:00Z',
        pole: record,
        owner: { name: 'Lou', email: 'lou@bou-sol.example', trusted: false },
      },
    });
    await mockRoute({ path: `${prefix}/api/owner/pole`, json: record });
    return { url: `${prefix}/ptce.json`, prefix, record };
  }
  afterEach(() => {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith('ptce-owner:')) sessionStorage.removeItem(key);
  });

  it('opens the link, loads the pole, sends only the changes with the version; "envoyé à la modération" on 202', async () => {
    const { url, prefix, record } = await ownerEndpoint();
    const el = await mountForm(url, { mode: 'owner', link: 'lien-unique-123' });
    const [opened] = await mockRequests(`${prefix}/api/owner/session`);
    expect(JSON.parse(opened.body)).to.deep.equal({ link: 'lien-unique-123' });
    expect(shadow(el).querySelector('h2')!.textContent).to.equal('Modifier la fiche de votre pôle');
    expect(field<HTMLTextAreaElement>(el, 'f-pole-description').value).to.equal(BOU_SOL.description);
    expect(field(el, 'f-contributor-name')).to.equal(null);
    await expect(el).to.be.accessible();
    await mockRoute({ path: `${prefix}/api/owner/pole`, status: 202, json: { edit: { id: 1, status: 'pending' } } });
    await fill(field<HTMLTextAreaElement>(el, 'f-pole-description'), 'Boulangeries solidaires, nouveau texte.');
    const edited = oneEvent(el, 'ptce-pole-edited');
    await submit(el);
    expect(((await edited) as CustomEvent).detail).to.deep.equal({ id: 'bou-sol', status: 'moderation' });
    const receipt = await until(() => shadow(el).querySelector<HTMLElement>('[part="receipt"]'), 'receipt');
    expect(receipt.textContent).to.contain('Vos modifications ont été envoyées à la modération.');
    await expect(el).to.be.accessible();
    const requests = await mockRequests(`${prefix}/api/owner/pole`);
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(patch.headers.authorization).to.equal('Bearer owner-token-1');
    expect(JSON.parse(patch.body)).to.deep.equal({ changes: { description: 'Boulangeries solidaires, nouveau texte.' }, version: 3 });
    // A reload of the tab keeps the session (the link is spent).
    el.remove();
    await mockRoute({ path: `${prefix}/api/owner/pole`, json: record });
    const again = await mountForm(url, { mode: 'owner', link: 'lien-unique-123' });
    expect(field<HTMLTextAreaElement>(again, 'f-pole-description').value).to.equal(BOU_SOL.description);
    expect(await mockRequests(`${prefix}/api/owner/session`)).to.have.length(1);
  });

  it('says "publié" on 200 (a trusted owner)', async () => {
    const { url, prefix, record } = await ownerEndpoint();
    const el = await mountForm(url, { mode: 'owner', link: 'lien-confiance' });
    await mockRoute({ path: `${prefix}/api/owner/pole`, json: { ...record, pole: { ...BOU_SOL, commune: 'Aubagne' }, version: 4 } });
    await fill(field(el, 'f-pole-commune'), 'Aubagne');
    await submit(el);
    const receipt = await until(() => shadow(el).querySelector<HTMLElement>('[part="receipt"]'), 'receipt');
    expect(receipt.textContent).to.contain('Vos modifications sont publiées.');
  });

  it('says when the link is spent or expired, and when nothing was changed', async () => {
    const { url } = await ownerEndpoint({ status: 410, json: { error: 'link expired' } });
    const el = await mountForm(url, { mode: 'owner', link: 'lien-perime' });
    const refused = await until(() => shadow(el).querySelector('[part="owner-refused"]'), 'refused');
    expect(refused.textContent).to.contain('Ce lien n’est plus valable');
    await expect(el).to.be.accessible();
    const none = await mountForm((await ownerEndpoint()).url, { mode: 'owner' });
    expect(shadow(none).querySelector('[part="owner-refused"]')!.textContent).to.contain('avec le lien reçu par courriel');
    const ok = await ownerEndpoint();
    const unchanged = await mountForm(ok.url, { mode: 'owner', link: 'lien-sans-changement' });
    await submit(unchanged);
    await until(() => shadow(unchanged).textContent!.includes('Vous n’avez rien modifié.'), 'nothing changed');
    expect((await mockRequests(`${ok.prefix}/api/owner/pole`)).filter((r) => r.method === 'PATCH')).to.have.length(0);
  });
});

describe('<ptce-pole-form mode="owner"> against the real server', () => {
  afterEach(() => {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith('ptce-owner:')) sessionStorage.removeItem(key);
  });

  it('the claimed pole’s owner follows the e-mailed link, changes the description: sent to moderation, the link spent', async () => {
    const tag = `owner-${Date.now().toString(36)}`;
    const claimed = await fetch('/real/api/poles/bou-sol/claim', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `${tag}-claim` },
      body: JSON.stringify({ name: 'Lou Gérante', email: `${tag}@bou-sol.example` }),
    });
    expect(claimed.status).to.equal(202);
    const { body: claims } = await realServerAdmin('/api/admin/claims?status=pending');
    const claim = claims.claims.find((c: { email: string }) => c.email === `${tag}@bou-sol.example`);
    expect((await realServerAdmin(`/api/admin/claims/${claim.id}/approve`, { method: 'POST' })).status).to.equal(200);
    const { body: outbox } = await realServerAdmin('/api/admin/outbox');
    const mail = outbox.messages.find((m: { to: string }) => m.to === `${tag}@bou-sol.example`);
    const link = /[?&]lien=([\w-]+)/.exec(mail.text)![1];

    const el = await mountForm(REAL, { mode: 'owner', link });
    expect(field(el, 'f-pole-departments'), 'départements are the moderators’').to.equal(null);
    expect(field(el, 'f-pole-name').value).to.equal("Bou'Sol");
    await expect(el).to.be.accessible();
    await fill(field<HTMLTextAreaElement>(el, 'f-pole-description'), `Boulangeries solidaires (${tag}).`);
    await fill(field(el, 'f-pole-website'), 'pas une adresse');
    await submit(el);
    await until(() => shadow(el).querySelector('[part="error-summary"]'), 'errors first');
    await fill(field(el, 'f-pole-website'), 'https://www.bou-sol.eu/');
    await submit(el);
    const receipt = await until(() => shadow(el).querySelector<HTMLElement>('[part="receipt"]'), 'receipt');
    expect(receipt.textContent).to.contain('Vos modifications ont été envoyées à la modération.');
    await expect(el).to.be.accessible();
    const { body: edits } = await realServerAdmin('/api/admin/owner-edits?status=pending');
    const edit = edits.edits.find((e: { owner: { email: string } }) => e.owner.email === `${tag}@bou-sol.example`);
    expect(edit.fields.map((f: { field: string; after: unknown }) => [f.field, f.after])).to.deep.equal([
      ['description', `Boulangeries solidaires (${tag}).`],
      ['website', 'https://www.bou-sol.eu/'],
    ]);
    // The link is spent: another tab (no session kept) is told so.
    el.remove();
    sessionStorage.clear();
    const again = await mountForm(REAL, { mode: 'owner', link });
    const refused = await until(() => shadow(again).querySelector('[part="owner-refused"]'), 'refused');
    expect(refused.textContent).to.contain('Ce lien n’est plus valable');
  });
});
