import { expect } from '@open-wc/testing';
import { axeViolations, find, loggedInAdminPage, shown } from '../support/admin-page.js';
import { realServer, realServerAdmin } from '../support/mock.js';
import { until } from '../support/wait.js';
import { choose, click } from '../support/input.js';

describe('admin page: fiches action', () => {
  it('attaches a fiche whose pole was typed to the pole the moderator chooses, close names first, and shows it on that pole', async () => {
    const server = await realServer();
    const tag = `attache-${Date.now().toString(36)}`;
    const proposed = await realServerAdmin('/api/actions', {
      method: 'POST',
      body: {
        pole: { name: 'domb innov' },
        action: { title: `Fournil ${tag}`, description: 'Un fournil partagé.', offer: 'Une visite du fournil' },
        contact: { name: 'Camille Martin', email: `${tag}@example.org` },
      },
    });
    expect(proposed.status).to.equal(201);
    const { reference } = proposed.body;

    const { frame, doc } = await loggedInAdminPage(server.token);
    const select = await shown<HTMLSelectElement>(doc, `#pole-${reference}`, 'a choice of pole for the typed one');

    // Its label names the fiche; the close name comes first, then every listed pole.
    expect(find(doc, `label[for="pole-${reference}"]`)!.textContent).to.contain(reference);
    const groups = [...select.querySelectorAll('optgroup')];
    expect(groups.map((group) => group.label)).to.deep.equal(['Correspondances possibles', 'Tous les pôles']);
    expect([...groups[0].querySelectorAll('option')].map((option) => option.textContent)).to.deep.equal(["Domb'Innov"]);
    expect(groups[1].querySelectorAll('option').length).to.be.greaterThan(30);
    expect(await axeViolations(frame)).to.deep.equal([]);

    select.scrollIntoView({ block: 'center' });
    await choose(select, 'domb-innov');
    await until(() => select.value === 'domb-innov', 'pole chosen');
    const approve = find<HTMLButtonElement>(doc, `#actions button[aria-label="Approuver la fiche ${reference}"]`)!;
    approve.scrollIntoView({ block: 'center' });
    await click(approve);
    await until(
      () => find(doc, '#actions-status')!.textContent!.includes(`Fiche ${reference} : Approuvée, sur le pôle Domb'Innov.`),
      'approved on the chosen pole',
    );
    expect(!find(doc, `#pole-${reference}`), 'no choice once decided').to.equal(true);
    expect(await axeViolations(frame)).to.deep.equal([]);

    const poles = (await (await fetch(`${server.url}/poles.json`)).json()) as { poles: { id: string; actions?: { title: string }[] }[] };
    const onPole = poles.poles.find((pole) => pole.id === 'domb-innov')!.actions!.map((action) => action.title);
    expect(onPole).to.include(`Fournil ${tag}`);
    expect(JSON.stringify(poles)).not.to.contain(`${tag}@example.org`);
  });
});
