import { expect, fixture, html } from '@open-wc/testing';
import './define.js';
import '../../../test/support/ptce-test-probe.js';
import type { PtceTestProbe } from '../../../test/support/ptce-test-probe.js';
import { mockEndpoint, mockRequests } from '../../../test/support/mock.js';
import { mount } from '../../../test/support/mount.js';
import { until } from '../../../test/support/wait.js';

const names = (el: PtceTestProbe) => [...el.shadowRoot!.querySelectorAll('li')].map((li) => li.textContent);
const ready = (probes: PtceTestProbe[]) => until(() => probes.every((p) => p.data.state.status === 'ready'), 'all ready');

describe('<ptce-provider>', () => {
  it('shares one request per URL between three widgets', async () => {
    const { url, prefix } = await mockEndpoint();
    const provider = await fixture(
      html`<ptce-provider endpoint=${url}>
        <ptce-test-probe></ptce-test-probe>
        <div><ptce-test-probe></ptce-test-probe></div>
        <ptce-test-probe></ptce-test-probe>
      </ptce-provider>`,
    );
    const probes = [...provider.querySelectorAll('ptce-test-probe')];
    await ready(probes);
    for (const probe of probes) expect(names(probe)).to.have.length(3);
    expect(await mockRequests(`${prefix}/ptce.json`)).to.have.length(1);
    expect(await mockRequests(`${prefix}/poles.json`)).to.have.length(1);
  });

  it("lets a widget's own endpoint win over the provider's", async () => {
    const shared = await mockEndpoint({ poles: { poles: [{ id: 'p', name: 'Du fournisseur' }] } });
    const own = await mockEndpoint({ poles: { poles: [{ id: 'o', name: 'Du widget' }] } });
    const provider = await fixture(
      html`<ptce-provider endpoint=${shared.url}>
        <ptce-test-probe id="inherits"></ptce-test-probe>
        <ptce-test-probe id="own" endpoint=${own.url}></ptce-test-probe>
      </ptce-provider>`,
    );
    const inherits = provider.querySelector<PtceTestProbe>('#inherits')!;
    const ownProbe = provider.querySelector<PtceTestProbe>('#own')!;
    await ready([inherits, ownProbe]);
    expect(names(inherits)).to.deep.equal(['Du fournisseur']);
    expect(names(ownProbe)).to.deep.equal(['Du widget']);
    expect(await mockRequests(`${shared.prefix}/poles.json`)).to.have.length(1);
    expect(await mockRequests(`${own.prefix}/poles.json`)).to.have.length(1);
  });

  it('reloads its widgets when its endpoint changes', async () => {
    const first = await mockEndpoint({ poles: { poles: [{ id: 'a', name: 'Premier' }] } });
    const second = await mockEndpoint({ poles: { poles: [{ id: 'b', name: 'Second' }] } });
    const provider = await fixture<HTMLElement & { endpoint?: string }>(
      html`<ptce-provider endpoint=${first.url}><ptce-test-probe></ptce-test-probe></ptce-provider>`,
    );
    const probe = provider.querySelector('ptce-test-probe')!;
    await ready([probe]);
    expect(names(probe)).to.deep.equal(['Premier']);
    provider.setAttribute('endpoint', second.url);
    await until(() => names(probe)[0] === 'Second', 'reloaded from the new endpoint');
  });

  it('finds widgets that were upgraded before the provider was defined', async () => {
    const { url } = await mockEndpoint();
    const holder = await mount(html`<div></div>`);
    // An unknown tag first, as when the provider script loads after the widget scripts.
    holder.innerHTML = `<ptce-late-provider endpoint="${url}"><ptce-test-probe></ptce-test-probe></ptce-late-provider>`;
    const probe = holder.querySelector<PtceTestProbe>('ptce-test-probe')!;
    await probe.updateComplete;
    const { PtceProvider } = await import('./ptce-provider.js');
    customElements.define('ptce-late-provider', class extends PtceProvider {});
    await ready([probe]);
    expect(names(probe)).to.have.length(3);
  });

  it('speaks the community context protocol both ways', async () => {
    // Another library's provider: any element answering `context-request` for the same key.
    const { url } = await mockEndpoint();
    const { clientFor } = await import('../../data/client.js');
    const foreign = await mount(html`<div><ptce-test-probe></ptce-test-probe></div>`);
    const probe = foreign.querySelector<PtceTestProbe>('ptce-test-probe')!;
    foreign.addEventListener('context-request', (event) => {
      const request = event as Event & { context: unknown; callback: (value: unknown, unsubscribe?: () => void) => void };
      if (request.context !== Symbol.for('ptce-widgets/provider')) return;
      event.stopPropagation();
      request.callback({ client: clientFor(url) }, () => {});
    });
    probe.remove();
    foreign.append(probe);
    await ready([probe]);
    expect(names(probe)).to.have.length(3);

    // Another library's consumer, without subscribing: answered once with the shared value.
    const provider = await fixture(html`<ptce-provider endpoint=${url} lang="en"><span></span></ptce-provider>`);
    const values: { lang?: string }[] = [];
    const request = Object.assign(new Event('context-request', { bubbles: true, composed: true }), {
      context: Symbol.for('ptce-widgets/provider'),
      callback: (value: { lang?: string }) => values.push(value),
    });
    provider.querySelector('span')!.dispatchEvent(request);
    expect(values.map((value) => value.lang)).to.deep.equal(['en']);
  });

  it("takes its value from another Lit library's @lit/context provider, and follows its changes", async () => {
    // Any element may provide the same key: here a plain <div> with @lit/context's own controller.
    const { ContextProvider, createContext } = await import('@lit/context');
    const first = await mockEndpoint({ poles: { poles: [{ id: 'a', name: 'Premier' }] } });
    const second = await mockEndpoint({ poles: { poles: [{ id: 'b', name: 'Second' }] } });
    const { clientFor } = await import('../../data/client.js');
    const host = await mount(html`<div lang="en"></div>`);
    const provider = new ContextProvider(host, {
      context: createContext<{ client?: unknown }>(Symbol.for('ptce-widgets/provider')),
      initialValue: { client: clientFor(first.url) },
    });
    provider.hostConnected();
    const probe = document.createElement('ptce-test-probe');
    host.append(probe);
    await until(() => names(probe)[0] === 'Premier', 'data from the foreign provider');
    provider.setValue({ client: clientFor(second.url) });
    await until(() => names(probe)[0] === 'Second', 'reloaded from its new value');
  });

  it('reaches widgets in a shadow root when it is defined after them', async () => {
    const { url } = await mockEndpoint();
    const holder = await mount(html`<div></div>`);
    holder.innerHTML = `<ptce-later-provider endpoint="${url}"><div></div></ptce-later-provider>`;
    const shadow = holder.querySelector('ptce-later-provider div')!.attachShadow({ mode: 'open' });
    const probe = document.createElement('ptce-test-probe');
    shadow.append(probe);
    await until(() => probe.shadowRoot!.querySelector('[role="alert"]'), 'no endpoint yet');
    const { PtceProvider } = await import('./ptce-provider.js');
    customElements.define('ptce-later-provider', class extends PtceProvider {});
    await ready([probe]);
    expect(names(probe)).to.have.length(3);
  });

  it('is transparent to layout and accessible', async () => {
    const { url } = await mockEndpoint();
    const provider = await fixture(html`<ptce-provider endpoint=${url}><p>Contenu</p></ptce-provider>`);
    expect(getComputedStyle(provider).display).to.equal('contents');
    await expect(provider).to.be.accessible();
  });
});
