import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './define.js';
import type { PtcePoleCard } from './ptce-pole-card.js';
import { mockEndpoint } from '../../../test/support/mock.js';
import { HOSTILE_TEXT } from '../../../test/contract/cases.js';
import { until } from '../../../test/support/wait.js';
import { click, deepActiveElement, press } from '../../../test/support/input.js';
import { accessibleDescription, accessibleName, roleOf } from '../../../test/support/a11y.js';

const DEMO = '/demo/data/ptce.json';
const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ').replace(/[\u00a0\u202f]/g, ' ');
const ready = (el: PtcePoleCard) =>
  until(() => ['ready', 'error'].includes(el.data.state.status), 'card settled').then(() => el.updateComplete);
const part = (el: Element, name: string) => el.shadowRoot!.querySelector(`[part~="${name}"]`);

async function card(template: ReturnType<typeof html>) {
  const el = await fixture<PtcePoleCard>(template);
  await ready(el);
  return el;
}

const summaryPole = {
  id: 'ptce-exemple',
  name: 'PTCE Exemple (fictif)',
  referentielSummary: {
    referentielId: 'r',
    referentielVersion: '1',
    objectives: [
      { id: '1.1', label: 'Connaître le territoire', mean: 3.25, answered: 4, total: 4 },
      { id: '1.2', label: 'Répondre aux besoins', mean: null, answered: 0, total: 4 },
    ],
  },
};

/** A pole from a directory (Carteco) with everything a CRESS shows. */
const fieldPole = {
  id: 'tiers-lieu',
  name: 'Tiers-lieu de la vallée',
  commune: 'Crest',
  address: '12 rue des Coopératives',
  postcode: '26400',
  departments: ['26'],
  phone: '04 75 00 00 00 (accueil)',
  openingHours: { mo: '09:00-12:00', fr: '09:00-11:30 & 14:00-18:00', note: 'Fermé en août' },
  social: ['https://www.facebook.com/exemple', 'https://mastodon.social/@exemple'],
  source: { url: 'https://carteco-ess.org/annuaire#/fiche/tiers-lieu/42/', name: 'Carteco' },
};

describe('<ptce-pole-card>', () => {
  it('shows the address, opening hours, social links and the source link when the pole has them', async () => {
    const el = await card(html`<ptce-pole-card .pole=${fieldPole}></ptce-pole-card>`);
    expect((part(el, 'address') as HTMLElement).innerText.trim()).to.equal('12 rue des Coopératives\n26400 Crest');
    const hours = part(el, 'hours')!;
    expect([...hours.querySelectorAll('dt')].map((dt) => dt.textContent)).to.deep.equal(['lundi', 'vendredi']);
    expect(hours.textContent).to.contain('09:00-11:30 & 14:00-18:00').and.to.contain('Fermé en août');
    const links = [...part(el, 'links')!.querySelectorAll('a')];
    expect(links.map((a) => a.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
      'Facebook (nouvel onglet) ↗',
      'mastodon.social (nouvel onglet) ↗',
      'Voir sur Carteco (nouvel onglet) ↗',
    ]);
    expect(links[2].getAttribute('href')).to.equal('https://carteco-ess.org/annuaire#/fiche/tiers-lieu/42/');
    const tel = part(el, 'contact')!.querySelector('a[href^="tel:"]')!;
    expect(tel.getAttribute('href')).to.equal('tel:+33475000000');
    expect(tel.textContent, 'shown as written').to.equal('04 75 00 00 00 (accueil)');
    await expect(el).to.be.accessible();

    const en = await card(
      html`<ptce-pole-card lang="en" .pole=${{ ...fieldPole, source: { url: fieldPole.source.url } }}></ptce-pole-card>`,
    );
    await until(() => part(en, 'hours')?.querySelector('dt')?.textContent === 'Monday', 'English day names');
    expect(part(en, 'links')!.textContent).to.contain('View the original page');
    expect(part(en, 'hours')!.getAttribute('aria-label')).to.equal('Opening hours');
    await expect(en).to.be.accessible();
  });

  it('leaves out a published mean that is off its 1–4 scale, and keeps the rest of the summary', async () => {
    const pole = {
      ...summaryPole,
      referentielSummary: {
        ...summaryPole.referentielSummary,
        objectives: [
          { id: '0', label: 'Moyenne impossible', mean: 99, answered: 4, total: 4 },
          ...summaryPole.referentielSummary.objectives,
        ],
      },
    };
    const el = await card(html`<ptce-pole-card .pole=${pole}></ptce-pole-card>`);
    const rows = [...part(el, 'summary')!.querySelectorAll('li')];
    expect(rows.map((row) => row.querySelector('.value')!.textContent)).to.deep.equal(['3,3', 'non renseigné']);
    expect(part(el, 'summary')!.textContent).to.not.contain('Moyenne impossible');
    await expect(el).to.be.accessible();
  });

  it('leaves no trace of the directory fields a pole does not have', async () => {
    const el = await card(
      html`<ptce-pole-card .pole=${{ id: 'p', name: 'Pôle', commune: 'Crest', phone: '+41 22 000 00 00' }}></ptce-pole-card>`,
    );
    for (const name of ['address', 'hours', 'links']) expect(part(el, name), name).to.equal(null);
    expect(part(el, 'contact')!.querySelector('a')!.getAttribute('href'), 'an international number').to.equal('tel:+41220000000');
    const odd = await card(html`<ptce-pole-card .pole=${{ id: 'p', name: 'Pôle', phone: '12 34 56 78 (bureau)' }}></ptce-pole-card>`);
    expect(part(odd, 'contact')!.textContent!.trim()).to.equal('12 34 56 78 (bureau)');
    expect(part(odd, 'contact')!.querySelector('a')).to.equal(null);
    await expect(odd).to.be.accessible();
  });

  it('shows a full profile from the demo endpoint, formatted in French', async () => {
    const el = await card(html`<ptce-pole-card endpoint=${DEMO} pole-id="domb-innov" lang="fr"></ptce-pole-card>`);
    const shown = text(el);
    expect(part(el, 'name')!.textContent!.trim()).to.equal("Domb'Innov");
    expect(shown).to.contain('Structure porteuse : Val Horizon');
    expect(part(el, 'territory')!.textContent).to.equal('Ain · Auvergne-Rhône-Alpes');
    const figures = [...part(el, 'figures')!.querySelectorAll('li')].map((li) => li.textContent!.replace(/[\u00a0\u202f]/g, ' '));
    expect(figures).to.deep.equal([
      'Structures de l’ESS membres (2014) : 14',
      'Emplois (2014) : 300',
      'Périmètre économique (2014) : 9 M €',
    ]);
    expect(shown).to.contain('Signataire de la charte le 19 septembre 2014 à Paris');
    expect([...part(el, 'themes')!.querySelectorAll('li')].map((li) => li.textContent)).to.deep.equal([
      'Accompagnement et création d’activités',
      'Emploi et insertion',
    ]);
    const link = part(el, 'contact')!.querySelector('a')!;
    expect(link.getAttribute('href')).to.equal('http://www.valhorizon.fr/');
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.contain('noopener').and.to.contain('external');
    expect(link.textContent).to.contain('(nouvel onglet)');
    await expect(el).to.be.accessible();
  });

  it('formats in English and re-renders when the language changes', async () => {
    const el = await card(html`<ptce-pole-card endpoint=${DEMO} pole-id="domb-innov" lang="en"></ptce-pole-card>`);
    // The English catalog loads on first use, after the data: wait for it, not for the data alone.
    await until(() => text(el).includes('Jobs (2014): 300'), 'English messages loaded');
    expect(text(el))
      .to.contain('Jobs (2014): 300')
      .and.to.contain('Economic scope (2014): €9M')
      .and.to.contain('Signed the charter on September 19, 2014 in Paris');
    el.lang = 'fr';
    await until(() => text(el).includes('Emplois (2014) : 300'), 'back in French');
  });

  it('states national calls won as neutral facts', async () => {
    const el = await card(html`<ptce-pole-card endpoint=${DEMO} pole-id="pole-sud"></ptce-pole-card>`);
    expect(part(el, 'facts')!.textContent).to.contain('Lauréat de l’appel à projets national PTCE 2013');
    expect(text(el)).to.contain('Initiative entrepreneuriale').and.to.contain('Créé en 2007');
  });

  it('leaves no trace of what a pole lacks', async () => {
    const el = await card(html`<ptce-pole-card endpoint=${DEMO} pole-id="fontaine-o-livres"></ptce-pole-card>`);
    const shown = text(el);
    expect(shown).to.contain('Fontaine O Livres').and.to.contain('Nord-Est Francilien');
    for (const word of ['undefined', 'null', 'NaN', '[object']) expect(shown).not.to.contain(word);
    for (const name of ['figures', 'contact', 'carrier', 'logo', 'summary', 'description']) expect(part(el, name), name).to.equal(null);
    expect(el.shadowRoot!.querySelectorAll('ul:empty, p:empty, h2:empty')).to.have.length(0);

    const bare = await card(html`<ptce-pole-card .pole=${{ id: 'x', name: 'Pôle presque vide' }}></ptce-pole-card>`);
    expect(text(bare).trim()).to.equal('Pôle presque vide');
    await expect(bare).to.be.accessible();
  });

  it('never links an unsafe URL, nor loads a logo from another site', async () => {
    const { url } = await mockEndpoint({
      poles: {
        poles: [
          { id: 'bad', name: 'Pôle piégé', website: 'javascript:alert(1)' },
          { id: 'ok', name: 'Pôle sûr', logo: { url: 'https://tracker.example.net/logo.png', alt: 'Logo' } },
        ],
      },
    });
    // The pole stays, without its unusable website.
    const el = await card(html`<ptce-pole-card endpoint=${url} pole-id="bad"></ptce-pole-card>`);
    expect(part(el, 'name')!.textContent!.trim()).to.equal('Pôle piégé');
    expect(el.shadowRoot!.querySelector('a')).to.equal(null);

    const safe = await card(html`<ptce-pole-card endpoint=${url} pole-id="ok"></ptce-pole-card>`);
    expect(safe.shadowRoot!.querySelector('img')).to.equal(null);

    const own = await card(
      html`<ptce-pole-card
        .pole=${{ id: 'l', name: 'Logo local', logo: { url: `${location.origin}/demo/logo.png`, alt: 'Logo local' } }}
      ></ptce-pole-card>`,
    );
    expect(own.shadowRoot!.querySelector('img')!.alt).to.equal('Logo local');
  });

  it('shows hostile strings as text and runs nothing', async () => {
    for (const hostile of HOSTILE_TEXT) {
      const el = await card(
        html`<ptce-pole-card .pole=${{ id: 'h', name: hostile, description: hostile, carrier: hostile }}></ptce-pole-card>`,
      );
      expect(part(el, 'name')!.textContent!.trim()).to.equal(hostile);
      expect(el.shadowRoot!.querySelector('img, script, svg[onload]')).to.equal(null);
    }
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('validates a pole given as a property: names a faulty required field, drops and reports a faulty optional one', async () => {
    const el = await card(html`<ptce-pole-card .pole=${{ id: 'p', name: '', figures: { jobs: 'beaucoup' } }}></ptce-pole-card>`);
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('pole.name (manquant)');
    await expect(el).to.be.accessible();

    const warnings: CustomEvent[] = [];
    const listen = (event: Event) => warnings.push(event as CustomEvent);
    document.addEventListener('ptce-data-warning', listen);
    const kept = await card(
      html`<ptce-pole-card .pole=${{ id: 'p', name: 'Pôle', figures: { jobs: 'beaucoup', structures: 4 } }}></ptce-pole-card>`,
    );
    document.removeEventListener('ptce-data-warning', listen);
    expect(part(kept, 'figures')!.textContent).to.contain('4 structures').and.not.to.contain('emploi');
    expect(warnings.map((w) => w.detail.fields)).to.deep.equal([[{ field: 'figures.jobs', reason: 'expected number' }]]);
    await expect(kept).to.be.accessible();
  });

  it('says the pole\'s record is invalid, with the faulty fields, rather than "no such pole"', async () => {
    const { url } = await mockEndpoint({
      poles: {
        poles: [
          { id: 'ok', name: 'Pôle valide' },
          { id: 'abime', name: ['Pôle abîmé'], website: 'javascript:alert(1)' },
        ],
      },
    });
    const el = await card(html`<ptce-pole-card endpoint=${url} pole-id="abime"></ptce-pole-card>`);
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('ne respectent pas le format attendu').and.to.contain('poles[1].name (invalide)');
    expect(text(el)).to.not.contain('Aucun pôle avec');
    await expect(el).to.be.accessible();
  });

  it('says when no pole has the id, and renders network failures with a retry button (axe-clean)', async () => {
    const missing = await card(html`<ptce-pole-card endpoint=${DEMO} pole-id="inconnu"></ptce-pole-card>`);
    expect(text(missing)).to.contain('Aucun pôle avec l’identifiant « inconnu » dans cette source de données.');
    await expect(missing).to.be.accessible();

    const { url } = await mockEndpoint({ poles: { drop: true } as never });
    const broken = await card(html`<ptce-pole-card endpoint=${url} pole-id="x"></ptce-pole-card>`);
    expect(broken.shadowRoot!.querySelector('[role="alert"] button')!.textContent!.trim()).to.equal('Réessayer');
    await expect(broken).to.be.accessible();
  });

  it('shows a polite loading skeleton', async () => {
    const { url } = await mockEndpoint({ poles: { json: { poles: [{ id: 'a', name: 'A' }] }, delay: 500 } as never });
    const el = await fixture<PtcePoleCard>(html`<ptce-pole-card endpoint=${url} pole-id="a"></ptce-pole-card>`);
    const skeleton = part(el, 'skeleton')!;
    expect(skeleton.getAttribute('aria-live')).to.equal('polite');
    expect(skeleton.textContent).to.contain('Chargement');
    await expect(el).to.be.accessible();
    await ready(el);
    expect(part(el, 'skeleton')).to.equal(null);
  });

  it('heads itself at level 2 by default, like every element, its summary one below', async () => {
    const el = await card(html`<ptce-pole-card .pole=${summaryPole}></ptce-pole-card>`);
    expect(part(el, 'name')!.localName).to.equal('h2');
    expect(part(el, 'summary')!.querySelector('h3')!.textContent).to.equal('Autoévaluation publiée par le pôle');
  });

  it('uses the heading level asked for', async () => {
    const el = await card(html`<ptce-pole-card heading-level="4" .pole=${{ id: 'x', name: 'X' }}></ptce-pole-card>`);
    expect(el.shadowRoot!.querySelector('[part="name"]')!.localName).to.equal('h4');
  });

  it('draws the référentiel summary the pole published, and says what is unanswered', async () => {
    const el = await card(html`<ptce-pole-card .pole=${summaryPole}></ptce-pole-card>`);
    const rows = [...part(el, 'summary')!.querySelectorAll('li')];
    expect(rows.map((row) => row.querySelector('.value')!.textContent)).to.deep.equal(['3,3', 'non renseigné']);
    expect(rows[0].querySelector('rect.bar')!.getAttribute('width')).to.equal('75.0');
    expect(rows[1].querySelector('rect.bar')!.getAttribute('width')).to.equal('0.0');
    await expect(el).to.be.accessible();
  });

  describe('compact variant', () => {
    it('fires ptce-pole-select on click, Enter and Space, but not from its own buttons', async () => {
      const el = await card(html`<ptce-pole-card variant="compact" endpoint=${DEMO} pole-id="les-ecosolies-le-solilab"></ptce-pole-card>`);
      await expect(el).to.be.accessible();
      let clicked = oneEvent(el, 'ptce-pole-select');
      // Anywhere on the card: here its territory line, away from the name and "Lire la suite".
      await click(part(el, 'territory')!);
      expect((await clicked).detail).to.deep.equal({ id: 'les-ecosolies-le-solilab', name: 'Les Ecosolies – Le Solilab' });

      const button = part(el, 'select') as HTMLButtonElement;
      button.focus();
      clicked = oneEvent(el, 'ptce-pole-select');
      await press('Enter');
      expect((await clicked).bubbles).to.equal(true);
      clicked = oneEvent(el, 'ptce-pole-select');
      await press('Space');
      expect((await clicked).composed).to.equal(true);
    });

    it("names its heading and button by the pole's name, and says what the button does as a description", async () => {
      const el = await card(html`<ptce-pole-card variant="compact" endpoint=${DEMO} pole-id="domb-innov"></ptce-pole-card>`);
      const heading = part(el, 'name')!;
      expect(roleOf(heading)).to.equal('heading');
      expect(accessibleName(heading)).to.equal("Domb'Innov");
      const button = part(el, 'select')!;
      expect(accessibleName(button)).to.equal("Domb'Innov");
      expect(accessibleDescription(button)).to.equal('Afficher sa fiche');
      expect(accessibleName(el.shadowRoot!.querySelector('article')!)).to.equal("Domb'Innov");
    });

    it('keeps focus on the card when it turns full under the keyboard', async () => {
      const el = await card(html`<ptce-pole-card variant="compact" endpoint=${DEMO} pole-id="domb-innov"></ptce-pole-card>`);
      el.addEventListener('ptce-pole-select', () => (el.variant = 'full'), { once: true });
      (part(el, 'select') as HTMLElement).focus();
      await press('Enter');
      await until(() => part(el, 'figures'), 'the full card');
      const focused = deepActiveElement()!;
      expect(focused.localName).to.equal('article');
      expect(accessibleName(focused)).to.equal("Domb'Innov");
      await expect(el).to.be.accessible();
    });

    it('clamps a long description behind "Lire la suite", which does not select the card', async () => {
      const el = await card(html`<ptce-pole-card variant="compact" endpoint=${DEMO} pole-id="domb-innov"></ptce-pole-card>`);
      const description = part(el, 'description')!;
      expect(description.classList.contains('clamped')).to.equal(true);
      let selected = false;
      el.addEventListener('ptce-pole-select', () => (selected = true));
      const more = el.shadowRoot!.querySelector<HTMLButtonElement>('.link-button')!;
      expect(more.textContent!.trim()).to.equal('Lire la suite');
      expect(more.getAttribute('aria-expanded')).to.equal('false');
      await click(more);
      await until(() => more.getAttribute('aria-expanded') === 'true', 'description expanded');
      expect(description.classList.contains('clamped')).to.equal(false);
      expect(selected).to.equal(false);
      expect(part(el, 'figures'), 'compact shows no figures').to.equal(null);
    });
  });
});
