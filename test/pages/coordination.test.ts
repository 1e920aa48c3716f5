import { expect, fixture, html } from '@open-wc/testing';
import { realServer, realServerAdmin } from '../support/mock.js';
import { until } from '../support/wait.js';
import { click, fill } from '../support/input.js';
import { find, loggedInAdminPage, shown } from '../support/admin-page.js';
import { deepQueryAll } from '../support/a11y.js';

// The coordinator's page of the real server (GET /coordination, issue 30): the key is typed in a
// password field, never written into the page; the answers are read, one is deleted, the summary
// published, the respondent code replaced, through the page as a coordinator uses it.

interface Created {
  id: string;
  respondentCode: string;
  coordinatorKey: string;
}

async function seedAnswer(code: string, name: string, level: number) {
  const { status } = await realServerAdmin('/api/assessments', {
    method: 'POST',
    body: {
      referentielId: 'referentiel-ptce-illustratif',
      referentielVersion: '0.1',
      respondent: { role: 'coordination', name },
      answers: { '1.1.1': { value: level }, '1.1.2': { value: level } },
      campaign: code,
    },
  });
  expect(status).to.equal(201);
}

/** axe-core run inside the page's own document (its frame), the violations by rule. */
async function axeViolations(frame: HTMLIFrameElement): Promise<string[]> {
  const win = frame.contentWindow as Window & { axe?: { run(context: Document): Promise<{ violations: { id: string }[] }> } };
  if (!win.axe) {
    const script = win.document.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    win.document.head.append(script);
    await until(() => win.axe, 'axe loaded in the page');
  }
  const { violations } = await win.axe!.run(win.document);
  return violations.map((v) => v.id);
}

describe('the coordinator page (/coordination)', () => {
  it('takes the typed key, shows the answers, deletes one, publishes; the key never in the page', async () => {
    const server = await realServer();
    const tag = `${Date.now()}`;
    const { status, body } = await realServerAdmin('/api/admin/campaigns', {
      method: 'POST',
      body: { poleId: 'coopaxis', title: `Regards ${tag}` },
    });
    expect(status).to.equal(201);
    const campaign = body as Created;
    await seedAnswer(campaign.respondentCode, 'Alix', 4);
    await seedAnswer(campaign.respondentCode, 'Bao', 2);

    const frame = await fixture<HTMLIFrameElement>(
      html`<iframe src="/real/coordination" title="coordination" style="width:780px;height:500px;border:0"></iframe>`,
    );
    const doc = await until(() => {
      const loaded = frame.contentDocument;
      return loaded?.readyState === 'complete' && loaded.querySelector('#campaign-key') ? loaded : undefined;
    }, 'coordination page');
    frame.scrollIntoView({ block: 'start' });
    await until(() => frame.contentWindow!.customElements.get('ptce-referentiel'), 'the widget bundle defined');
    expect(doc.querySelector<HTMLInputElement>('#campaign-key')!.type).to.equal('password');
    expect(await axeViolations(frame)).to.deep.equal([]);

    // A wrong key first: a clear refusal, nothing shown.
    await fill(doc.querySelector<HTMLInputElement>('#campaign-id')!, campaign.id);
    await fill(doc.querySelector<HTMLInputElement>('#campaign-key')!, 'not-the-key');
    await click(doc.querySelector('#open button[type="submit"]')!);
    await until(() => doc.querySelector('#status')!.textContent!.includes('Clé de coordination refusée'), 'wrong key refused');
    expect(doc.querySelector('ptce-referentiel')).to.equal(null);

    await fill(doc.querySelector<HTMLInputElement>('#campaign-key')!, campaign.coordinatorKey);
    await click(doc.querySelector('#open button[type="submit"]')!);
    const widget = await until(() => doc.querySelector('ptce-referentiel') ?? undefined, 'the widget');
    const coordinator = () => widget.shadowRoot?.querySelector('[part="coordinator"]')?.textContent ?? '';
    await until(() => coordinator().includes('2 réponses reçues'), 'two answers shown');
    const legend = () => [...widget.shadowRoot!.querySelectorAll('ul.legend li')].map((li) => li.textContent);
    expect(legend()).to.deep.equal(['1. Alix, Coordination du pôle', '2. Bao, Coordination du pôle']);

    // The key is nowhere a person or a script of the page could read it back.
    const everything = [doc.documentElement.outerHTML, frame.contentWindow!.location.href, doc.cookie];
    const storages = [frame.contentWindow!.sessionStorage, frame.contentWindow!.localStorage];
    for (const storage of storages) for (let i = 0; i < storage.length; i++) everything.push(storage.getItem(storage.key(i)!) ?? '');
    for (const text of everything) expect(text).to.not.contain(campaign.coordinatorKey);
    expect(widget.hasAttribute('key')).to.equal(false);
    expect(doc.querySelector<HTMLInputElement>('#campaign-key')!.value).to.equal('');
    expect(await axeViolations(frame)).to.deep.equal([]);

    // Delete Bao's answers by their reference.
    const { body: read } = await realServerAdmin(`/api/admin/campaigns`);
    expect(read.campaigns.find((c: { id: string }) => c.id === campaign.id).answers).to.equal(2);
    const answers = await (
      await fetch(`${server.url}/api/campaigns/${campaign.id}/assessments`, {
        headers: { Authorization: `Bearer ${campaign.coordinatorKey}` },
      })
    ).json();
    const bao = answers.assessments.find((a: { respondent: { name: string } }) => a.respondent.name === 'Bao').reference;
    await fill(doc.querySelector<HTMLInputElement>('#reference')!, bao);
    await click(doc.querySelector('#delete button[type="submit"]')!);
    await until(() => doc.querySelector('#status')!.textContent!.includes(`Jeu de réponses ${bao} supprimé.`), 'deleted');
    const fresh = await until(() => {
      const shown = doc.querySelector('ptce-referentiel');
      return shown?.shadowRoot?.querySelector('[part="coordinator"]')?.textContent?.includes('1 réponse reçue') ? shown : undefined;
    }, 'one answer left');

    // Publish with the widget's own button: the pole's public record shows the summary.
    await click(fresh.shadowRoot!.querySelector('[part="publish-button"]')!);
    await until(
      () => fresh.shadowRoot!.querySelector('[part="coordinator"] [role="status"].message')?.textContent?.includes('Synthèse publiée'),
      'published',
    );
    const poles = await (await fetch(`${server.url}/poles.json`)).json();
    const pole = poles.poles.find((p: { id: string }) => p.id === 'coopaxis');
    expect(pole.referentielSummary.respondents).to.equal(1);

    // A new respondent code: shown once on the page, the old one refused from now on.
    await click(doc.querySelector('#rotate button[type="submit"]')!);
    const code = await until(() => doc.querySelector('#new-code:not([hidden]) code')?.textContent || undefined, 'the new code');
    expect(code).to.match(/^R-\w{4}-\w{4}-\w{4}$/);
    const old = await fetch(`${server.url}/api/campaigns/respondent`, { headers: { 'Campaign-Code': campaign.respondentCode } });
    expect(old.status).to.equal(403);
    const renewed = await fetch(`${server.url}/api/campaigns/respondent`, { headers: { 'Campaign-Code': code } });
    expect(renewed.status).to.equal(200);
    // Withdrawn again, so that other tests find this pole as they expect it.
    await click(fresh.shadowRoot!.querySelector('[part="publish-button"]')!);
    await until(() => fresh.shadowRoot!.querySelector('[part="publish-button"]')?.textContent?.includes('Publier'), 'withdrawn');
  });

  it("gives the pole's site a snippet with the respondent side only, and sends the coordinator here", async () => {
    const server = await realServer();
    const { doc } = await loggedInAdminPage(server.token, 'width:780px;height:500px');
    await click(await shown(doc, 'nav button[data-section="campaigns"]', 'the campaigns section'));
    const title = await until(() => {
      const field = find<HTMLInputElement>(doc, '#campaign-title');
      return field?.checkVisibility() && find<HTMLSelectElement>(doc, '#campaign-pole')!.options.length ? field : undefined;
    }, 'the campaign form');
    await fill(title, `Snippet ${Date.now()}`);
    await click(find(doc, '#new-campaign button[type="submit"]')!);
    const key = await until(() => find(doc, '#created-key')?.textContent || undefined, 'the created campaign');
    const code = find(doc, '#created-code')!.textContent!;
    const snippet = find<HTMLTextAreaElement>(doc, '#created-snippet')!.value;
    expect(snippet).to.contain(`campaign="${code}"`).and.to.contain('mode="answer"');
    expect(snippet).to.not.contain(key);
    for (const field of deepQueryAll(doc, 'textarea') as HTMLTextAreaElement[]) expect(field.value).to.not.contain(key);
    expect(find<HTMLAnchorElement>(doc, '#created-coordination')!.href).to.match(/\/coordination$/);
    expect(find(doc, '#created-id')!.textContent).to.match(/^camp-/);
  });
});
