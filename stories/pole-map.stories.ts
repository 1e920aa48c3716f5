import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../src/components/pole-map/define.js';
import type { PtcePoleMap } from '../src/components/pole-map/ptce-pole-map.js';

/**
 * `<ptce-pole-map>`: the 40 poles of the 2014 charter on a map drawn from the departments (no
 * tiles, no third-party request), with filters, an accent-insensitive search, a list that is a
 * complete alternative to the map, and a card in a panel for the selected pole. A hollow marker is
 * a pole placed at the centre of its department (no coordinates); the legend under the map says so.
 * Region borders are dissolved from the departments at build time, for both generations of
 * regions; the overseas departments are drawn in their insets (Natural Earth).
 */
type Args = {
  endpoint: string;
  region: string;
  department: string;
  regions: PtcePoleMap['regions'];
  view: PtcePoleMap['view'];
  mode: PtcePoleMap['mode'];
  width: number;
  syncUrl: boolean;
  poleUrl: string;
};
const meta: Meta<Args> = {
  title: 'Widgets/Carte des pôles (ptce-pole-map)',
  id: 'pole-map',
  args: {
    endpoint: '/demo-data/ptce.json',
    region: '',
    department: '',
    regions: 'current',
    view: 'both',
    mode: 'markers',
    width: 1000,
    syncUrl: false,
    poleUrl: '',
  },
  argTypes: {
    regions: { control: 'inline-radio', options: ['current', '2015'] },
    view: { control: 'inline-radio', options: ['both', 'map', 'list'] },
    mode: { control: 'inline-radio', options: ['markers', 'density'] },
    width: { control: { type: 'range', min: 320, max: 1200, step: 20 } },
  },
  render: ({ endpoint, region, department, regions, view, mode, width, syncUrl, poleUrl }, { globals }) =>
    html`<div style="max-width:${width}px">
      <ptce-pole-map
        endpoint=${endpoint}
        region=${region || ''}
        department=${department || ''}
        regions=${regions}
        view=${view}
        mode=${mode}
        ?sync-url=${syncUrl}
        pole-url=${poleUrl || nothing}
        theme=${globals.theme}
      ></ptce-pole-map>
    </div>`,
};
export default meta;
type Story = StoryObj<Args>;

export const France: Story = { name: 'Toute la France' };
export const PageDeCress: Story = { name: 'Page d’une CRESS (Auvergne-Rhône-Alpes)', args: { region: '84' } };
export const AncienneRegion: Story = { name: 'Ancienne région (Picardie, 2015)', args: { regions: '2015', region: '22' } };
export const AncienneRegionRhoneAlpes: Story = { name: 'Ancienne région (Rhône-Alpes, 2015)', args: { regions: '2015', region: '82' } };
export const OutreMer: Story = {
  name: 'Outre-mer : les cinq départements dans leurs encarts (pôles fictifs)',
  args: { endpoint: '/story-data/ptce-overseas.json' },
};
export const Guyane: Story = {
  name: 'Une région d’outre-mer (Guyane, pôles fictifs)',
  args: { endpoint: '/story-data/ptce-overseas.json', region: '03' },
};
export const Sombre: Story = { name: 'Thème sombre', globals: { theme: 'dark' } };
export const SombreRegion: Story = { name: 'Thème sombre, une région (Occitanie)', args: { region: '76' }, globals: { theme: 'dark' } };
export const Departement: Story = { name: 'Un département (Seine-Saint-Denis)', args: { department: '93' } };
export const LienPartageable: Story = {
  name: 'Filtres dans l’adresse (sync-url)',
  args: { syncUrl: true },
};
export const Densite: Story = { name: 'Densité par région', args: { mode: 'density' } };
export const Telephone: Story = { name: 'Étroite (320 px) : onglets', args: { width: 320 } };
export const ListeSeule: Story = { name: 'Liste seule', args: { view: 'list', width: 480 } };
/** `pole-url`: each entry of the list is a link to the pole's own page (`{id}` is its id), as on the server's pages. */
export const PagesDesPoles: Story = {
  name: 'Liste reliée aux pages des pôles (pole-url)',
  args: { view: 'list', width: 480, poleUrl: '/poles/{id}' },
};
export const FichesInvalides: Story = {
  name: 'Source avec des fiches invalides (signalées, pas affichées) et des champs écartés',
  args: { endpoint: '/story-data/ptce-invalid-records.json', width: 800 },
};
export const GoGoCarto: Story = {
  name: 'Carteco / GoGoCarto (données d’exemple de GoGoCarto)',
  args: { endpoint: '/story-data/ptce-gogocarto.json', width: 900 },
};
export const ListePubliee: Story = {
  name: 'Une liste publiée seule : endpoint = poles.json (sans document de découverte)',
  args: { endpoint: '/demo-data/poles.json' },
};
export const ExportCarteco: Story = {
  name: 'Un export Carteco / GoGoCarto donné tel quel comme endpoint',
  args: { endpoint: '/test-fixtures/gogocarto-sample.json', width: 900 },
};
export const PasUneSource: Story = {
  name: 'Erreur : l’adresse ne mène ni à une source ni à une liste (une page HTML)',
  args: { endpoint: '/iframe.html' },
};
export const Tableur: Story = {
  name: 'Tableur (CSV enregistré par Excel en français)',
  args: { endpoint: '/story-data/ptce-csv.json', width: 900 },
};
