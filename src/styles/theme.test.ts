import { expect, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../test/support/ptce-test-probe.js';
import { mockEndpoint } from '../../test/support/mock.js';
import { mount } from '../../test/support/mount.js';
import { until } from '../../test/support/wait.js';

// What a reader sees: the widget's text colour. Light widgets keep the page's text colour; dark
// ones use the dark palette's text (#eceff1).
const PAGE_TEXT = 'rgb(20, 30, 40)';
const DARK_TEXT = 'rgb(236, 239, 241)';
const systemIsDark = () => matchMedia('(prefers-color-scheme: dark)').matches;

async function probe(theme: string) {
  const { url } = await mockEndpoint();
  const el = await mount(html`<ptce-test-probe endpoint=${url} theme=${theme}></ptce-test-probe>`);
  await until(() => el.shadowRoot?.querySelector('li'), 'the probe shows its poles');
  return el;
}
const textOf = (el: Element) => getComputedStyle(el).color;

describe('theme', () => {
  beforeEach(() => {
    document.body.style.color = PAGE_TEXT;
  });
  afterEach(() => {
    document.documentElement.style.colorScheme = '';
    document.body.style.color = '';
  });

  it('auto is light on a page that declares no color-scheme, whatever the system', async () => {
    const el = await probe('auto');
    expect(textOf(el)).to.equal(PAGE_TEXT);
    await expect(el).to.be.accessible();
  });

  it("auto follows the page's declared color-scheme", async () => {
    document.documentElement.style.colorScheme = 'dark';
    const el = await probe('auto');
    await until(() => textOf(el) === DARK_TEXT, 'dark text under a dark page');
    document.documentElement.style.colorScheme = 'light';
    await until(() => textOf(el) === PAGE_TEXT, 'light text once the page says light');
    // "light dark": the page lets the system choose, and so does the widget.
    document.documentElement.style.colorScheme = 'light dark';
    expect(textOf(el)).to.equal(systemIsDark() ? DARK_TEXT : PAGE_TEXT);
  });

  it('light and dark force their scheme against the page', async () => {
    document.documentElement.style.colorScheme = 'dark';
    const light = await probe('light');
    expect(textOf(light)).to.equal(PAGE_TEXT);
    document.documentElement.style.colorScheme = 'light';
    const dark = await probe('dark');
    expect(textOf(dark)).to.equal(DARK_TEXT);
    await expect(dark).to.be.accessible();
  });

  it('system follows the operating system, not the page', async () => {
    document.documentElement.style.colorScheme = 'light';
    // A dark system where the engine can emulate one (Chromium); elsewhere the real setting.
    const emulated = await emulateMedia({ colorScheme: 'dark' }).then(
      () => true,
      () => false,
    );
    try {
      if (emulated) expect(systemIsDark()).to.equal(true);
      const el = await probe('system');
      expect(textOf(el)).to.equal(systemIsDark() ? DARK_TEXT : PAGE_TEXT);
      const auto = await probe('auto');
      expect(textOf(auto)).to.equal(PAGE_TEXT);
    } finally {
      if (emulated) await emulateMedia({ colorScheme: 'light' });
    }
  });
});
