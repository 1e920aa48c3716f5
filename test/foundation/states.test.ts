import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../support/ptce-test-probe.js';
import type { PtceTestProbe } from '../support/ptce-test-probe.js';
import { clientFor } from '../../src/data/client.js';
import { mockEndpoint, mockRequests, mockRoute, samplePoles, type MockRoute } from '../support/mock.js';
import { until } from '../support/wait.js';
import { click } from '../support/input.js';

const text = (el: PtceTestProbe) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const settled = (el: PtceTestProbe) => until(() => el.data.state.status === 'ready' || el.data.state.status === 'error', 'never settled');

async function probeOn(poles: unknown, discovery?: Partial<MockRoute>, lang = 'fr') {
  const { url, prefix } = await mockEndpoint({ poles, discovery });
  return { el: await fixture<PtceTestProbe>(html`<ptce-test-probe lang=${lang} endpoint=${url}></ptce-test-probe>`), url, prefix };
}

/** Whether the test server has finished answering every request to this path. */
const answered = async (path: string) => {
  const requests = await mockRequests(path);
  return requests.length > 0 && requests.every((request) => request.answeredAt > 0);
};
const nothingPending = async (path: string) => (await mockRequests(path)).every((request) => request.answeredAt > 0);

describe('shared states', () => {
  it('shows a polite live loading state, then the data', async () => {
    const { url } = await mockEndpoint({ poles: { json: samplePoles, delay: 400 } as never });
    const el = await fixture<PtceTestProbe>(html`<ptce-test-probe endpoint=${url}></ptce-test-probe>`);
    const loading = el.shadowRoot!.querySelector('[aria-live="polite"]');
    expect(loading, 'loading region').to.exist;
    expect(loading!.textContent).to.contain('Chargement');
    await expect(el).to.be.accessible();
    await settled(el);
    expect(el.shadowRoot!.querySelector('[aria-live="polite"]')).to.equal(null);
    expect([...el.shadowRoot!.querySelectorAll('li')].map((li) => li.textContent)).to.deep.equal([
      'Domb’Innov',
      'La Coursive Boutaric',
      'PTCE Sud Aquitain',
    ]);
  });

  it('shows the empty state for an empty list', async () => {
    const { el } = await probeOn({ poles: [] });
    await settled(el);
    expect(text(el)).to.contain('Aucune donnée à afficher');
    await expect(el).to.be.accessible();
  });

  const cases: { name: string; poles?: unknown; discovery?: Partial<MockRoute>; fr: string; en: string; detail?: string }[] = [
    { name: 'network error', poles: { drop: true }, fr: 'injoignable', en: 'cannot be reached' },
    { name: 'HTTP status', poles: { status: 503, text: 'Service Unavailable' }, fr: 'code HTTP 503', en: 'HTTP status 503' },
    {
      name: 'not JSON',
      poles: { text: '<html><body>Not found</body></html>', contentType: 'text/html' },
      fr: 'pas au format JSON',
      en: 'not in the expected JSON',
    },
    { name: 'empty body', poles: { text: '' }, fr: 'pas au format JSON', en: 'not in the expected JSON' },
    {
      name: 'invalid data',
      poles: { poles: 'not a list' },
      fr: 'ne respectent pas le format',
      en: 'does not follow the expected format',
      detail: 'poles',
    },
    {
      name: 'invalid discovery document',
      discovery: { json: { poles: 'poles.json' } },
      fr: 'ne respectent pas le format',
      en: 'does not follow',
      detail: 'ptce',
    },
    {
      name: 'unsupported contract version',
      discovery: { json: { ptce: 7, poles: 'poles.json' } },
      fr: 'version du format (7)',
      en: 'version of the format (7)',
    },
    {
      name: 'missing resource',
      discovery: { json: { ptce: 1 } },
      fr: 'ne publie pas de « liste des pôles »',
      en: 'does not publish a list of poles',
    },
  ];

  for (const c of cases) {
    for (const lang of ['fr', 'en'] as const) {
      it(`renders ${c.name} as a readable ${lang} alert with a retry button (axe-clean)`, async () => {
        const { el } = await probeOn(c.poles ?? samplePoles, c.discovery, lang);
        await settled(el);
        // English loads on first use: wait until the alert speaks the language, then read it.
        const retryLabel = lang === 'fr' ? 'Réessayer' : 'Try again';
        await until(
          () => el.shadowRoot!.querySelector('[role="alert"] button')?.textContent?.trim() === retryLabel,
          `the alert in ${lang}`,
        );
        const alert = el.shadowRoot!.querySelector('[role="alert"]');
        expect(alert, 'alert').to.exist;
        expect(alert!.textContent).to.contain(c[lang]);
        if (c.detail) expect(alert!.querySelector('.detail')!.textContent).to.contain(c.detail);
        const button = alert!.querySelector('button')!;
        expect(button.textContent!.trim()).to.equal(lang === 'fr' ? 'Réessayer' : 'Try again');
        await expect(el).to.be.accessible();
      });
    }
  }

  it('renders a timeout with its delay', async () => {
    const { url } = await mockEndpoint({ poles: { delay: 1500, json: samplePoles } as never });
    clientFor(url, { timeoutMs: 300 });
    const el = await fixture<PtceTestProbe>(html`<ptce-test-probe endpoint=${url}></ptce-test-probe>`);
    await settled(el);
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('délai de 0,3 secondes');
    await expect(el).to.be.accessible();
  });

  it('renders a response larger than the cap as too large', async () => {
    const { url, prefix } = await mockEndpoint();
    await mockRoute({ path: `${prefix}/poles.json`, text: 'x', repeat: 4096 });
    clientFor(url, { maxBytes: 1024 });
    const el = await fixture<PtceTestProbe>(html`<ptce-test-probe endpoint=${url}></ptce-test-probe>`);
    await settled(el);
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.match(/dépassent la taille maximale acceptée \(1(,0)?\s?ko\)/);
  });

  it('renders a missing endpoint', async () => {
    const el = await fixture<PtceTestProbe>(html`<ptce-test-probe></ptce-test-probe>`);
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('ajoutez l’attribut endpoint');
    await expect(el).to.be.accessible();
  });

  it('"Réessayer" really asks again and shows the data once the server recovers', async () => {
    const { el, prefix } = await probeOn({ status: 500, text: 'boom' });
    await settled(el);
    expect(el.data.state.status).to.equal('error');
    await mockRoute({ path: `${prefix}/poles.json`, json: samplePoles });
    await click(el.shadowRoot!.querySelector<HTMLButtonElement>('[role="alert"] button')!);
    await until(() => el.shadowRoot!.querySelectorAll('li').length === 3, 'data after retry');
    expect((await mockRequests(`${prefix}/poles.json`)).length, 'the failed request, then the retry').to.equal(2);
  });

  it('drops a stale response: a slow answer for an old endpoint never replaces the newer one', async () => {
    const slow = await mockEndpoint({ poles: { delay: 700, json: { poles: [{ id: 'old', name: 'Réponse périmée' }] } } as never });
    const fast = await mockEndpoint({ poles: { poles: [{ id: 'new', name: 'Réponse actuelle' }] } });
    const el = await fixture<PtceTestProbe>(html`<ptce-test-probe endpoint=${slow.url}></ptce-test-probe>`);
    await until(async () => (await mockRequests(`${slow.prefix}/poles.json`)).length === 1, 'the slow request under way');
    el.endpoint = fast.url;
    await settled(el);
    expect(text(el)).to.contain('Réponse actuelle');
    await until(() => answered(`${slow.prefix}/poles.json`), 'the stale answer was sent');
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
    expect(text(el)).to.contain('Réponse actuelle');
    expect(text(el)).not.to.contain('Réponse périmée');
  });

  it('stops waiting when the element leaves the page, and loads again when it comes back', async () => {
    const { url } = await mockEndpoint({ poles: { delay: 400, json: samplePoles } as never });
    const el = document.createElement('ptce-test-probe');
    el.endpoint = url;
    document.body.append(el);
    await el.updateComplete;
    expect(el.data.state.status).to.equal('loading');
    el.remove();
    // Whatever the element had asked for has been answered (it may have left before asking for the poles).
    // (Firefox may abort the first request before it leaves: then there is nothing to wait for.)
    await until(
      async () => (await nothingPending(url)) && (await nothingPending(url.replace(/ptce\.json$/, 'poles.json'))),
      'every answer sent',
    );
    await new Promise((r) => setTimeout(r, 0));
    expect(el.data.state.status, 'a detached element is not updated by the late answer').to.equal('loading');
    document.body.append(el);
    await settled(el);
    expect(el.data.state.status).to.equal('ready');
    expect(el.shadowRoot!.querySelectorAll('li')).to.have.length(3);
    el.remove();
  });

  it('skips one invalid record among valid ones and reports it in a ptce-data-warning event', async () => {
    const { url } = await mockEndpoint({
      poles: {
        poles: [
          { id: 'a', name: 'Pôle A' },
          { id: 'broken', name: '', departments: ['999'] },
          { id: 'c', name: 'Pôle C', unknownField: 'ignored' },
        ],
      },
    });
    const el = document.createElement('ptce-test-probe');
    const warning = oneEvent(el, 'ptce-data-warning');
    el.endpoint = url;
    document.body.append(el);
    const event = (await warning) as CustomEvent;
    await el.updateComplete;
    expect([...el.shadowRoot!.querySelectorAll('li')].map((li) => li.textContent)).to.deep.equal(['Pôle A', 'Pôle C']);
    expect(event.detail.skipped).to.equal(1);
    expect(event.detail.records[0].id).to.equal('broken');
    expect(event.detail.records[0].index).to.equal(1);
    const paths = event.detail.records[0].issues.map((i: { path: string }) => i.path);
    expect(paths).to.include('poles[1].name');
    expect(paths).to.include('poles[1].departments[0]');
    expect(event.bubbles && event.composed).to.equal(true);
    el.remove();
  });
});
