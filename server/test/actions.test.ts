import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { admin, newKey, post, startApp, type Running } from './helpers.js';
import { validate } from '../../src/data/validate.js';
import { PolesDocumentStrict, type Pole } from '../../src/data/schemas/pole.js';
import { ActionReceipt } from '../../src/data/schemas/action.js';
import { validActionProposal } from '../../test/contract/cases.js';

let server: Running;
before(async () => {
  server = await startApp();
});
after(() => server.close());

const PUBLIC = ['/ptce.json', '/poles.json', '/referentiel.json', '/charter.json'];
const get = (path: string) => fetch(`${server.url}${path}`);
const polesDoc = async () => (await (await get('/poles.json')).json()) as { poles: Pole[] };
const poleById = async (id: string) => (await polesDoc()).poles.find((pole) => pole.id === id)!;
/** A proposal of this test's own, so its texts and contact can be looked for in public documents. */
const proposal = (tag: string, overrides: Record<string, unknown> = {}) => ({
  ...validActionProposal,
  action: { ...validActionProposal.action, title: `Fournil ${tag}` },
  contact: { name: `Contact ${tag}`, email: `contact.${tag}@example.org` },
  ...overrides,
});
const send = (body: unknown, key = newKey()) => post(`${server.url}/api/actions`, body, { 'Idempotency-Key': key });

describe('fiches action: reading', () => {
  it('names the actions URL in the discovery document', async () => {
    assert.equal((await (await get('/ptce.json')).json()).actions, 'api/actions');
  });

  it('publishes the five fiches of the 2016 Journée on their four poles, credited', async () => {
    const doc = await polesDoc();
    assert.ok(validate(PolesDocumentStrict, doc).ok);
    const withActions = doc.poles.filter((pole) => pole.actions?.length);
    assert.deepEqual(
      withActions.map((pole) => [pole.id, pole.actions!.length]),
      [
        ['pole-tarnais-de-cooperation-economique', 2],
        ['bou-sol', 1],
        ['domb-innov', 1],
        ['ptce-ulisse-soleni', 1],
      ],
    );
    for (const action of withActions.flatMap((pole) => pole.actions!)) {
      assert.equal(action.source, '3e Journée nationale des PTCE, 2016');
      assert.equal(action.date, '2016-09-23');
    }
  });
});

describe('POST /api/actions', () => {
  it('stores a fiche as pending, replays it for the same key, shows nothing until approved', async () => {
    const key = newKey();
    const before = await (await get('/poles.json')).text();
    const first = await send(proposal('pending'), key);
    assert.equal(first.status, 201);
    const receipt = await first.json();
    assert.ok(validate(ActionReceipt, receipt).ok);
    assert.equal(receipt.status, 'pending');
    assert.match(receipt.reference, /^FICHE-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    assert.equal(receipt.poleName, "Bou'Sol");

    const again = await send(proposal('pending'), key);
    assert.equal(again.status, 200);
    assert.equal((await again.json()).reference, receipt.reference);
    assert.equal((await server.store.listActions()).filter((row) => row.reference === receipt.reference).length, 1);

    const reused = await send(proposal('other'), key);
    assert.equal(reused.status, 422);
    assert.equal(await (await get('/poles.json')).text(), before, 'a pending fiche changes nothing public');
  });

  it('refuses a fiche without a key, invalid, naming an unknown pole or theme, too large, not JSON', async () => {
    const noKey = await fetch(`${server.url}/api/actions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(proposal('nokey')),
    });
    assert.equal(noKey.status, 400);
    assert.equal((await noKey.json()).errors[0].path, 'Idempotency-Key');

    const invalid = await send({
      ...proposal('bad'),
      action: { ...proposal('bad').action, title: ' ', website: 'javascript:alert(1)' },
      contact: { name: 'C', email: 'c@' },
    });
    assert.equal(invalid.status, 400);
    const paths = (await invalid.json()).errors.map((e: { path: string }) => e.path);
    for (const path of ['action.title', 'action.website', 'contact.email']) assert.ok(paths.includes(path), `${path} in ${paths}`);

    const unknownPole = await send(proposal('pole', { pole: { id: 'nowhere', name: 'Nulle part' } }));
    assert.equal(unknownPole.status, 400);
    assert.deepEqual(
      (await unknownPole.json()).errors.map((e: { path: string }) => e.path),
      ['pole.id'],
    );

    const unknownTheme = await send({ ...proposal('theme'), action: { ...proposal('theme').action, themes: ['astrologie'] } });
    assert.equal(unknownTheme.status, 400);
    assert.deepEqual(
      (await unknownTheme.json()).errors.map((e: { path: string }) => e.path),
      ['action.themes'],
    );

    const large = await send({ ...proposal('large'), padding: 'x'.repeat(70 * 1024) });
    assert.equal(large.status, 413);

    const text = await fetch(`${server.url}/api/actions`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', 'Idempotency-Key': newKey() },
      body: 'hello',
    });
    assert.equal(text.status, 415);
    assert.equal(
      (await server.store.listActions()).some((row) => /Fournil (bad|nokey|large|theme)/.test(row.body)),
      false,
      'nothing refused was stored',
    );
  });

  it('refuses another site unless allowed', async () => {
    const response = await post(`${server.url}/api/actions`, proposal('origin'), { Origin: 'https://evil.example.com' });
    assert.equal(response.status, 403);
  });

  it('limits the POSTs per client address', async () => {
    const limited = await startApp({ postsPerMinute: 2 });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await post(`${limited.url}/api/actions`, proposal(`rate${i}`))).status);
      assert.deepEqual(statuses, [201, 201, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('moderating fiches action', () => {
  it('needs the admin token', async () => {
    assert.equal((await fetch(`${server.url}/api/admin/actions`)).status, 401);
    assert.equal((await fetch(`${server.url}/api/admin/actions/FICHE-AAAA-AAAA/approve`, { method: 'POST' })).status, 401);
  });

  it('lists a pending fiche with its contact, approves it onto its pole, never publishing the contact', async () => {
    const receipt = await (await send(proposal('approved'))).json();
    const listed = await (await admin(`${server.url}/api/admin/actions?status=pending`)).json();
    const entry = listed.actions.find((a: { reference: string }) => a.reference === receipt.reference);
    assert.equal(entry.proposal.contact.email, 'contact.approved@example.org');
    assert.equal(entry.poleListed, true);

    const approved = await admin(`${server.url}/api/admin/actions/${receipt.reference}/approve`, { method: 'POST' });
    assert.equal(approved.status, 200);
    assert.equal((await approved.json()).status, 'approved');
    const pole = await poleById('bou-sol');
    const shown = pole.actions!.find((action) => action.title === 'Fournil approved')!;
    assert.equal(shown.id, receipt.reference.toLowerCase());
    assert.equal(shown.offer, 'Une visite apprenante du fournil');
    assert.match(shown.date, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(pole.actions![0].source, '3e Journée nationale des PTCE, 2016', 'after the fiches it had');
    for (const path of PUBLIC) {
      const text = await (await get(path)).text();
      assert.ok(!text.includes('contact.approved@example.org') && !text.includes('Contact approved'), `no contact in ${path}`);
    }
  });

  it('takes a fiche without an offer, as one of the 2016 journée’s own fiches, and publishes it without one', async () => {
    const { offer: _offer, ...action } = validActionProposal.action;
    const response = await send(proposal('sans-offre', { action: { ...action, title: 'Fournil sans-offre' } }));
    assert.equal(response.status, 201);
    const { reference } = await response.json();
    assert.equal((await admin(`${server.url}/api/admin/actions/${reference}/approve`, { method: 'POST' })).status, 200);
    const shown = (await poleById('bou-sol')).actions!.find((a) => a.title === 'Fournil sans-offre')!;
    assert.equal(shown.id, reference.toLowerCase());
    assert.equal('offer' in shown, false);
  });

  it('keeps a rejected fiche out, and a fiche of a typed pole off every card', async () => {
    const rejected = await (await send(proposal('rejected'))).json();
    assert.equal(
      (await (await admin(`${server.url}/api/admin/actions/${rejected.reference}/reject`, { method: 'POST' })).json()).status,
      'rejected',
    );
    const typed = await (await send(proposal('typed', { pole: { name: 'Pôle pas encore listé' } }))).json();
    const decided = await (await admin(`${server.url}/api/admin/actions/${typed.reference}/approve`, { method: 'POST' })).json();
    assert.equal(decided.poleListed, false);
    const text = await (await get('/poles.json')).text();
    assert.ok(!text.includes('Fournil rejected') && !text.includes('Fournil typed'));
    assert.equal((await admin(`${server.url}/api/admin/actions/FICHE-NONE-NONE/approve`, { method: 'POST' })).status, 404);
  });

  it('attaches a fiche of a typed pole to a listed pole when approving it, and refuses a pole not listed', async () => {
    const typed = await (await send(proposal('attached', { pole: { name: 'Domb innov' } }))).json();
    const approve = (body: unknown) =>
      admin(`${server.url}/api/admin/actions/${typed.reference}/approve`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'Content-Type': 'application/json' },
      });
    const unknown = await approve({ poleId: 'pas-un-pole' });
    assert.equal(unknown.status, 400);
    assert.deepEqual((await unknown.json()).errors, [{ path: 'poleId', message: 'unknown pole' }]);
    assert.equal((await approve({ poleId: 42 })).status, 400);
    const stillPending = (await (await admin(`${server.url}/api/admin/actions?status=pending`)).json()).actions;
    assert.ok(
      stillPending.some((a: { reference: string }) => a.reference === typed.reference),
      'a refused attachment decides nothing',
    );
    assert.ok(!(await get('/poles.json').then((r) => r.text())).includes('Fournil attached'));

    const decided = await approve({ poleId: 'domb-innov' });
    assert.equal(decided.status, 200);
    const view = await decided.json();
    assert.equal(view.status, 'approved');
    assert.equal(view.poleListed, true);
    assert.equal(view.poleName, (await poleById('domb-innov')).name);
    const shown = (await poleById('domb-innov')).actions!.find((action) => action.title === 'Fournil attached')!;
    assert.equal(shown.id, typed.reference.toLowerCase());
    const text = await (await get('/poles.json')).text();
    assert.ok(!text.includes('contact.attached@example.org'), 'the contact stays private');
    assert.equal(
      (
        await admin(`${server.url}/api/admin/actions/FICHE-NONE-NONE/approve`, {
          method: 'POST',
          body: JSON.stringify({ poleId: 'domb-innov' }),
          headers: { 'Content-Type': 'application/json' },
        })
      ).status,
      404,
    );
  });
});
