import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts', '../src/**/*.stories.ts'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  // Docs pages (autodocs from custom-elements.json, the MDX pages) and the accessibility panel.
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  // The demo dataset is itself a static endpoint: stories read it from /demo-data/ptce.json.
  staticDirs: [
    { from: '../demo/data', to: '/demo-data' },
    { from: '../stories/fixtures', to: '/story-data' },
    // GoGoCarto's sample data and the spreadsheet exports the adapters are tested with.
    { from: '../test/fixtures', to: '/test-fixtures' },
  ],
  core: { disableTelemetry: true },
};

export default config;
