import { expect, fixture, html } from '@open-wc/testing';
import './define.js';
import type { PtceReferentiel } from './ptce-referentiel.js';
import { until } from '../../../test/support/wait.js';
import { accessibleDescription, accessibleName } from '../../../test/support/a11y.js';
import { against, parseColour } from '../../../test/support/contrast.js';

// What axe does not check in the référentiel (issue 19): names as read, meanings visible to
// keyboard and touch, non-text contrast, text spacing at 320 px.
const DEMO = '/demo/data/ptce.json';

async function mount(template: ReturnType<typeof html>) {
  const el = await fixture<PtceReferentiel>(template);
  await until(() => el.data.state.status === 'ready', 'référentiel loaded');
  await el.updateComplete;
  return el;
}
const $ = <T extends Element = HTMLElement>(el: PtceReferentiel, s: string) => el.shadowRoot!.querySelector<T>(s)!;
const $$ = <T extends Element = HTMLElement>(el: PtceReferentiel, s: string) => [...el.shadowRoot!.querySelectorAll<T>(s)];
const assessment = {
  referentielId: 'referentiel-ptce-illustratif',
  referentielVersion: '0.1',
  respondent: { role: 'coordination' },
  answers: { '1.1.1': { value: 4 }, '1.1.2': { value: 3 }, '1.2.1': { value: 2 } },
};

describe('<ptce-referentiel> accessibility beyond axe', () => {
  beforeEach(() => localStorage.clear());

  it('reads numbers and titles as separate words in headings, legends and choices', async () => {
    const el = await mount(html`<ptce-referentiel endpoint=${DEMO} mode="answer" pole-id="a11y" no-draft></ptce-referentiel>`);
    const named = [...$$(el, '[id^="g-"], [id^="p-"], fieldset.question > legend'), ...$$(el, 'fieldset.question')];
    expect(named.length).to.be.above(10);
    for (const node of named) {
      const name = node.localName === 'legend' ? node.textContent!.replace(/\s+/g, ' ').trim() : accessibleName(node);
      expect(name, 'number, space, words').to.match(/^\d+(\.\d+)* \S/);
      expect(name).to.not.match(/\d[^\d\s.,;:)]/u);
    }
  });

  it('shows what each level means to everyone, and gives it to each choice as its description', async () => {
    const el = await mount(html`<ptce-referentiel endpoint=${DEMO} mode="answer" pole-id="a11y" no-draft></ptce-referentiel>`);
    expect($$(el, 'label.level[title]'), 'no hover-only meaning').to.have.length(0);
    const scale = $(el, '[part="scale"]');
    expect(scale.checkVisibility()).to.equal(true);
    expect(scale.textContent).to.contain("Le sujet n'est pas encore travaillé.");
    const first = $<HTMLInputElement>(el, 'fieldset.question input[value="1"]');
    expect(accessibleName(first)).to.equal('Pas encore engagé');
    expect(accessibleDescription(first)).to.equal("Le sujet n'est pas encore travaillé.");
    expect(accessibleDescription($(el, 'fieldset.question input[value="na"]'))).to.equal("La question ne s'applique pas à ce pôle.");
    await expect(el).to.be.accessible();
  });

  it('draws answer choice borders and radar rings at 3:1 (WCAG 1.4.11)', async () => {
    const page = parseColour('#ffffff');
    const answer = await mount(
      html`<ptce-referentiel endpoint=${DEMO} mode="answer" pole-id="a11y" no-draft theme="light"></ptce-referentiel>`,
    );
    expect(against(getComputedStyle($(answer, 'label.level')).borderTopColor, page), 'answer choice borders').to.be.at.least(3);
    const summary = await mount(
      html`<ptce-referentiel endpoint=${DEMO} mode="summary" .assessment=${assessment} theme="light"></ptce-referentiel>`,
    );
    expect(against(getComputedStyle($(summary, '.radar .ring')).stroke, page), 'radar rings').to.be.at.least(3);
  });

  it('keeps the summary within 320 px under text spacing (WCAG 1.4.12)', async () => {
    const el = await mount(
      html`<ptce-referentiel
        endpoint=${DEMO}
        mode="summary"
        .assessment=${assessment}
        style="display:block;width:320px"
      ></ptce-referentiel>`,
    );
    // The bookmarklet's spacing, as a reader's style sheet would set it.
    const spacing = new CSSStyleSheet();
    spacing.replaceSync(
      '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-block-end: 2em !important; }',
    );
    el.shadowRoot!.adoptedStyleSheets = [...el.shadowRoot!.adoptedStyleSheets, spacing];
    await el.updateComplete;
    const summary = $(el, '[part="summary"]');
    const box = el.getBoundingClientRect();
    const spilled = [summary, ...summary.querySelectorAll('*')].filter((node) => node.getBoundingClientRect().right > box.right + 0.5);
    expect(
      spilled.map((node) => `<${node.localName} class="${node.getAttribute('class') ?? ''}">${node.textContent!.trim().slice(0, 20)}`),
    ).to.deep.equal([]);
    expect(summary.scrollWidth).to.be.at.most(summary.clientWidth);
  });
});
