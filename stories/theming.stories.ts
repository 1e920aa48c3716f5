import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { unsafeCSS } from 'lit';
import '../src/components/pole-card/define.js';
import '../src/components/charter/define.js';

/**
 * Theming: every `--ptce-*` custom property is a control here, and the "CSS des parts" control is
 * a style sheet applied to the page, where `::part(…)` rules reach inside the widgets. Two ready
 * themes show the range: a CRESS-like one (warm accent, rounded, on a tinted page) and a dark one.
 */
interface ThemeArgs {
  theme: string;
  '--ptce-font-family': string;
  '--ptce-color-text': string;
  '--ptce-color-surface': string;
  '--ptce-color-surface-raised': string;
  '--ptce-color-border': string;
  '--ptce-color-muted': string;
  '--ptce-color-accent': string;
  '--ptce-color-on-accent': string;
  '--ptce-color-danger': string;
  '--ptce-color-focus': string;
  '--ptce-radius': string;
  '--ptce-space': string;
  page: string;
  parts: string;
}

const properties = [
  '--ptce-font-family',
  '--ptce-color-text',
  '--ptce-color-surface',
  '--ptce-color-surface-raised',
  '--ptce-color-border',
  '--ptce-color-muted',
  '--ptce-color-accent',
  '--ptce-color-on-accent',
  '--ptce-color-danger',
  '--ptce-color-focus',
  '--ptce-radius',
  '--ptce-space',
] as const;

const style = (args: ThemeArgs) =>
  properties
    .filter((name) => args[name])
    .map((name) => `${name}: ${args[name]};`)
    .join(' ');

const meta: Meta<ThemeArgs> = {
  title: 'Guides/Thèmes (live)',
  id: 'theming',
  argTypes: {
    theme: { control: 'select', options: ['auto', 'system', 'light', 'dark'], description: 'The `theme` attribute.' },
    ...Object.fromEntries(
      properties.map((name) => [
        name,
        {
          control: name.includes('color') ? 'color' : 'text',
          description: `Sets \`${name}\` on the widgets (empty: the default).`,
          table: { category: 'css custom properties' },
        },
      ]),
    ),
    page: { control: 'color', description: 'Background of the host page around the widgets.' },
    parts: { control: 'text', description: 'CSS for the page: `::part(…)` rules style named pieces inside the widgets.' },
  },
  args: {
    theme: 'light',
    ...Object.fromEntries(properties.map((name) => [name, ''])),
    page: '#ffffff',
    parts: 'ptce-pole-card::part(name) { letter-spacing: 0.01em; }\nptce-charter::part(submit) { text-transform: uppercase; }',
  } as ThemeArgs,
  render: (args) =>
    html`<style>
        ${unsafeCSS(args.parts)}
      </style>
      <div style="background:${args.page}; padding: 1.5rem; display: grid; gap: 1.5rem; max-width: 760px">
        <ptce-pole-card endpoint="/demo-data/ptce.json" pole-id="ecoop-arc" theme=${args.theme} style=${style(args)}></ptce-pole-card>
        <ptce-charter endpoint="/story-data/ptce-signable.json" theme=${args.theme} no-draft style=${style(args)}></ptce-charter>
      </div>`,
};
export default meta;
type Story = StoryObj<ThemeArgs>;

export const Live: Story = { name: 'Réglages en direct' };

/** Warm accent, rounded corners and a tinted page, as a regional ESS chamber's site might have. */
export const CressLike: Story = {
  name: 'Thème prêt : type CRESS',
  args: {
    page: '#fbf6f2',
    '--ptce-font-family': 'system-ui, sans-serif',
    '--ptce-color-text': '#2b2118',
    '--ptce-color-surface': '#ffffff',
    '--ptce-color-surface-raised': '#fff9f4',
    '--ptce-color-border': '#e4d3c4',
    '--ptce-color-muted': '#5f4c3d',
    '--ptce-color-accent': '#a4243b',
    '--ptce-color-on-accent': '#ffffff',
    '--ptce-color-focus': '#1a5fb4',
    '--ptce-radius': '1rem',
    parts:
      'ptce-pole-card::part(card) { box-shadow: 0 2px 10px rgb(90 40 20 / 0.12); }\nptce-pole-card::part(name) { color: #a4243b; }\nptce-charter::part(submit) { border-radius: 999px; }',
  },
};

/** The built-in dark palette (`theme="dark"`), on a dark page, with a few parts adjusted. */
export const Dark: Story = {
  name: 'Thème prêt : sombre',
  args: {
    theme: 'dark',
    page: '#111416',
    '--ptce-color-surface-raised': '#22282c',
    parts: 'ptce-pole-card::part(card) { border-color: #3a4247; }',
  },
};
