import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/embed.js';
import '../src/configurator/define.js';
import { VERSION } from '../src/version.js';

/**
 * The embed configurator, as on the server's /configurer page: the widget and its options chosen,
 * the real widget previewed with the demo data, the code to paste. Here the snippets name an
 * example host (the server's page names its own, with the bundle's SRI hash from its manifest).
 */
export default {
  title: 'Guides/Configurateur',
  component: 'ptce-configurator',
  parameters: { layout: 'fullscreen' },
} satisfies Meta;

export const Configurator: StoryObj = {
  name: 'Configurateur',
  render: () =>
    html`<div style="padding: 1rem">
      <ptce-configurator
        endpoint="/demo-data/ptce.json"
        bundle-url=${`https://your-host.example/ptce-widgets@${VERSION}/cdn/ptce-widgets.js`}
        embed-base="https://your-host.example/embed/"
      ></ptce-configurator>
    </div>`,
};
