import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/pole-card/define.js';
import type { PtcePoleCard } from '../src/components/pole-card/ptce-pole-card.js';
import './support/card-loading-preview.js';

const endpoint = '/demo-data/ptce.json';

/**
 * `<ptce-pole-card>`: the face of a pole, on its own site, in a map popup or in a list. It shows
 * what the pole has and nothing for what it lacks; the charter signature and national calls are
 * neutral facts, never grades. The demo data are the 40 poles that signed the charter in 2014.
 */
type Args = { poleId: string; variant: PtcePoleCard['variant']; width: number; headingLevel: number };

const meta: Meta<Args> = {
  title: 'Widgets/Fiche pôle (ptce-pole-card)',
  id: 'pole-card',
  args: { poleId: 'domb-innov', variant: 'full', width: 640, headingLevel: 3 },
  argTypes: {
    variant: { control: 'inline-radio', options: ['full', 'compact'] },
    width: { control: { type: 'range', min: 280, max: 960, step: 20 } },
    poleId: {
      control: 'select',
      options: [
        'domb-innov',
        'bou-sol',
        'pole-tarnais-de-cooperation-economique',
        'ptce-ulisse-soleni',
        'pole-sud',
        'cis-dt52-cooperation-industrielle-et-sociale-pour-le-develop',
        'fontaine-o-livres',
        'ptce-pays-de-bray',
        'inconnu',
      ],
    },
  },
  render: ({ poleId, variant, width, headingLevel }, { globals }) =>
    html`<div style="max-width:${width}px">
      <ptce-pole-card
        endpoint=${endpoint}
        pole-id=${poleId}
        variant=${variant}
        heading-level=${headingLevel}
        theme=${globals.theme}
      ></ptce-pole-card>
    </div>`,
};
export default meta;
type Story = StoryObj<Args>;

export const Complete: Story = { name: 'Complète (Domb’Innov)' };
export const Compacte: Story = { name: 'Compacte', args: { variant: 'compact', width: 320 } };
export const NomLePlusLong: Story = {
  name: 'Le nom le plus long des 40',
  args: { poleId: 'cis-dt52-cooperation-industrielle-et-sociale-pour-le-develop', width: 280 },
};
export const PresqueSansDonnees: Story = { name: 'Presque sans données', args: { poleId: 'fontaine-o-livres' } };
export const Laureat: Story = { name: 'Lauréat d’un appel national', args: { poleId: 'pole-sud' } };
/** The fiches action of the 3e Rencontre nationale des PTCE (2016): "Projets et actions", the offer highlighted. */
export const AvecFichesAction: Story = {
  name: 'Projets et actions (deux fiches, Les Ateliers)',
  args: { poleId: 'pole-tarnais-de-cooperation-economique' },
};
export const CompacteAvecAction: Story = {
  name: 'Compacte : propose une action',
  args: { poleId: 'bou-sol', variant: 'compact', width: 320 },
};
export const FichesActionEnAnglais: Story = {
  name: 'Projets et actions, en anglais',
  args: { poleId: 'ptce-ulisse-soleni' },
  render: ({ poleId, width }, { globals }) =>
    html`<div style="max-width:${width}px" lang="en">
      <ptce-pole-card endpoint=${endpoint} pole-id=${poleId} theme=${globals.theme}></ptce-pole-card>
    </div>`,
};
export const Introuvable: Story = { name: 'Identifiant inconnu', args: { poleId: 'inconnu' } };

export const Chargement: Story = {
  name: 'Chargement (squelette)',
  render: ({ width }, { globals }) =>
    html`<div style="max-width:${width}px">
      <ptce-story-card-loading theme=${globals.theme}></ptce-story-card-loading>
    </div>`,
};

export const Erreur: Story = {
  name: 'Erreur de chargement',
  render: (_args, { globals }) =>
    html`<ptce-pole-card endpoint="/demo-data/absent.json" pole-id="domb-innov" theme=${globals.theme}></ptce-pole-card>`,
};

export const FicheInvalide: Story = {
  name: 'Fiche invalide dans la source (champs en cause)',
  render: (_args, { globals }) =>
    html`<ptce-pole-card endpoint="/story-data/ptce-invalid-records.json" pole-id="nom-invalide" theme=${globals.theme}></ptce-pole-card>`,
};

export const ChampsInutilisables: Story = {
  name: 'Champs inutilisables écartés (la fiche reste)',
  render: (_args, { globals }) =>
    html`<ptce-pole-card
      endpoint="/story-data/ptce-invalid-records.json"
      pole-id="departement-inconnu"
      theme=${globals.theme}
    ></ptce-pole-card>`,
};

/** A pole as a CRESS directory (Carteco) describes it: address, hours, networks, link back. */
const annuaire = {
  id: 'tiers-lieu',
  name: 'Tiers-lieu de la vallée (fictif)',
  carrier: 'SCIC de la vallée',
  departments: ['26'],
  commune: 'Crest',
  address: '12 rue des Coopératives',
  postcode: '26400',
  description: 'Pôle fictif tel qu’un annuaire Carteco le décrit : adresse complète, horaires, réseaux sociaux et lien vers sa fiche.',
  phone: '04 75 00 00 00 (accueil)',
  email: 'contact@example.org',
  openingHours: { mo: '09:00-12:00', tu: '09:00-12:00 & 14:00-18:00', fr: '09:00-11:30', note: 'Fermé en août' },
  social: ['https://www.facebook.com/exemple', 'https://www.linkedin.com/company/exemple', 'https://mastodon.social/@exemple'],
  source: { url: 'https://carteco-ess.org/annuaire#/fiche/tiers-lieu/42/', name: 'Carteco' },
};

export const VenuDunAnnuaire: Story = {
  name: 'Venu d’un annuaire (adresse, horaires, réseaux, lien Carteco)',
  render: (_args, { globals }) =>
    html`<div style="max-width:640px">
      <ptce-pole-card theme=${globals.theme} .pole=${annuaire}></ptce-pole-card>
    </div>`,
};

export const VenuDunAnnuaireEn: Story = {
  name: 'Venu d’un annuaire, en anglais, sans nom de source',
  render: (_args, { globals }) =>
    html`<div style="max-width:640px">
      <ptce-pole-card lang="en" theme=${globals.theme} .pole=${{ ...annuaire, source: { url: annuaire.source.url } }}></ptce-pole-card>
    </div>`,
};

export const AutoevaluationPubliee: Story = {
  name: 'Avec une autoévaluation publiée (pôle fictif)',
  render: (_args, { globals }) =>
    html`<div style="max-width:640px">
      <ptce-pole-card
        theme=${globals.theme}
        .pole=${{
          id: 'ptce-exemple',
          name: 'PTCE Exemple (fictif)',
          carrier: 'Association porteuse d’exemple',
          status: 'established',
          departments: ['35'],
          commune: 'Rennes',
          description: 'Pôle fictif pour montrer le résumé d’une autoévaluation publiée par le pôle lui-même.',
          referentielSummary: {
            referentielId: 'referentiel-ptce-illustratif',
            referentielVersion: '0.1',
            respondents: 4,
            objectives: [
              { id: '1.1', label: 'Connaître et valoriser les ressources du territoire', mean: 3.25, answered: 4, total: 4 },
              { id: '1.2', label: 'Répondre aux besoins du territoire', mean: 2.5, answered: 4, total: 4 },
              { id: '2.3', label: 'Faire grandir la culture de la coopération', mean: 1.75, answered: 3, total: 4 },
              { id: '3.3', label: 'Consolider un modèle économique local', mean: null, answered: 0, total: 4 },
            ],
          },
        }}
      ></ptce-pole-card>
    </div>`,
};

export const Largeurs: Story = {
  name: 'De 280 à 960 px',
  render: (_args, { globals }) =>
    html`<div style="display:grid;gap:1rem">
      ${[280, 480, 960].map(
        (width) =>
          html`<div style="width:${width}px">
            <ptce-pole-card endpoint=${endpoint} pole-id="domb-innov" theme=${globals.theme}></ptce-pole-card>
          </div>`,
      )}
    </div>`,
};

/** The opt-in requests (`report-error`, `claim`, `contact`): sending needs a server (see the browser tests). */
export const AvecDemandes: Story = {
  name: 'Avec « Signaler une erreur », « Je gère ce pôle », « Contacter ce pôle »',
  args: { poleId: 'bou-sol' },
  render: ({ poleId, width }, { globals }) =>
    html`<div style="max-width:${width}px">
      <ptce-pole-card
        endpoint="/story-data/ptce-directory.json"
        pole-id=${poleId}
        report-error
        claim
        contact
        theme=${globals.theme}
      ></ptce-pole-card>
    </div>`,
};
