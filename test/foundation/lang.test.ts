import { expect, fixture, html } from '@open-wc/testing';
import '../support/ptce-test-probe.js';
import { mount } from '../support/mount.js';
import '../../src/components/provider/define.js';
import type { PtceTestProbe } from '../support/ptce-test-probe.js';
import { until } from '../support/wait.js';

/** Lets the MutationObserver and Lit's update run (no animation frame: hidden tabs get none). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const shownLang = (el: PtceTestProbe) => el.shadowRoot!.querySelector('.lang')!.textContent;

describe('language resolution', () => {
  let pageLang: string | null;
  beforeEach(() => {
    pageLang = document.documentElement.getAttribute('lang');
  });
  afterEach(() => {
    if (pageLang === null) document.documentElement.removeAttribute('lang');
    else document.documentElement.setAttribute('lang', pageLang);
  });

  it("1. uses the element's own lang first", async () => {
    document.documentElement.lang = 'fr';
    const wrapper = await mount(html`<div lang="fr"><ptce-test-probe lang="en"></ptce-test-probe></div>`);
    const el = wrapper.querySelector('ptce-test-probe')!;
    // English is loaded on first use; until then the element keeps to French rather than mixing.
    await until(() => shownLang(el) === 'en', 'switched to English once its catalog is loaded');
    // The error block, in English too once its catalog is there.
    await until(() => el.shadowRoot!.querySelector('.state-error'), 'the error block');
    expect(el.shadowRoot!.textContent).to.contain('No data source is configured');
  });

  it("2. else the closest ancestor's lang", async () => {
    document.documentElement.lang = 'fr';
    const wrapper = await mount(
      html`<section lang="fr">
        <div lang="en-GB">
          <p><ptce-test-probe></ptce-test-probe></p>
        </div>
      </section>`,
    );
    const el = wrapper.querySelector('ptce-test-probe')!;
    await el.updateComplete;
    expect(shownLang(el)).to.equal('en');
  });

  it("3. else the document's lang", async () => {
    document.documentElement.lang = 'en';
    const el = await fixture<PtceTestProbe>(html`<ptce-test-probe></ptce-test-probe>`);
    expect(shownLang(el)).to.equal('en');
  });

  it('4. else French', async () => {
    document.documentElement.removeAttribute('lang');
    const el = await fixture<PtceTestProbe>(html`<ptce-test-probe></ptce-test-probe>`);
    expect(shownLang(el)).to.equal('fr');
    await until(() => el.shadowRoot!.querySelector('[role="alert"]'), 'the error block');
    expect(el.shadowRoot!.textContent).to.contain('Aucune source de données');
  });

  it('falls back to French for a language without a catalog', async () => {
    const el = await fixture<PtceTestProbe>(html`<ptce-test-probe lang="de"></ptce-test-probe>`);
    expect(shownLang(el)).to.equal('fr');
  });

  it("re-renders when its own, an ancestor's or the document's lang changes", async () => {
    document.documentElement.lang = 'fr';
    const wrapper = await mount(html`<div><ptce-test-probe></ptce-test-probe></div>`);
    const el = wrapper.querySelector('ptce-test-probe')!;
    await el.updateComplete;
    expect(shownLang(el)).to.equal('fr');

    document.documentElement.lang = 'en';
    await settle();
    await el.updateComplete;
    expect(shownLang(el)).to.equal('en');

    wrapper.setAttribute('lang', 'fr');
    await settle();
    await el.updateComplete;
    expect(shownLang(el)).to.equal('fr');

    el.lang = 'en';
    await settle();
    await el.updateComplete;
    expect(shownLang(el)).to.equal('en');
    expect(el.shadowRoot!.querySelector('button')!.textContent).to.equal('Try again');
  });

  it("follows a lang changed inside another component's shadow root", async () => {
    // A host page's own component puts the widget in its shadow tree, under an element whose lang it switches.
    document.documentElement.lang = 'fr';
    const host = await mount(html`<div></div>`);
    const shadow = host.attachShadow({ mode: 'closed' });
    shadow.innerHTML = '<section lang="fr"><ptce-test-probe></ptce-test-probe></section>';
    const section = shadow.querySelector('section')!;
    const probe = shadow.querySelector<PtceTestProbe>('ptce-test-probe')!;
    await until(() => probe.shadowRoot!.querySelector('[role="alert"] button'), 'the error block');
    expect(shownLang(probe)).to.equal('fr');
    expect(probe.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('Aucune source de données');

    section.lang = 'en';
    await until(() => shownLang(probe) === 'en', 'switched to English');
    await until(() => probe.shadowRoot!.querySelector('[role="alert"] button')!.textContent === 'Try again', 'the retry button in English');
    expect(probe.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('No data source is configured');

    section.removeAttribute('lang');
    await until(() => shownLang(probe) === 'fr', "back to the page's French");
  });

  it("follows a provider's lang, including across a shadow root", async () => {
    const provider = await fixture(html`<ptce-provider lang="en"></ptce-provider>`);
    const host = document.createElement('div');
    const shadow = host.attachShadow({ mode: 'open' });
    const probe = document.createElement('ptce-test-probe');
    shadow.append(probe);
    provider.append(host);
    await probe.updateComplete;
    expect(shownLang(probe)).to.equal('en');
    provider.setAttribute('lang', 'fr');
    await settle();
    await probe.updateComplete;
    expect(shownLang(probe)).to.equal('fr');
  });
});
