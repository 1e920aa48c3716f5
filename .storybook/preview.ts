import type { Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
// Made by `npm run analyze` (the storybook scripts run it first): attributes, properties, events,
// slots, parts and CSS custom properties of every element, for the docs pages and the controls.
import manifest from '../custom-elements.json';

setCustomElementsManifest(manifest);

/** What most sites set on their body: the system's sans-serif and a comfortable line height. */
const HOST_PAGE_STYLE = "font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif; line-height: 1.5";

const preview: Preview = {
  globalTypes: {
    lang: {
      description: 'Language of the widgets',
      toolbar: { title: 'Langue', icon: 'globe', items: ['fr', 'en'], dynamicTitle: true },
    },
    theme: {
      description: "The widgets' theme attribute (auto follows the page, system the OS)",
      toolbar: {
        title: 'Thème',
        icon: 'contrast',
        items: [
          { value: 'auto', title: 'auto (schéma de la page)' },
          { value: 'system', title: 'system (schéma du système)' },
          { value: 'light', title: 'light' },
          { value: 'dark', title: 'dark' },
        ],
        dynamicTitle: true,
      },
    },
    dir: {
      description: 'Text direction of the page',
      toolbar: { title: 'Direction', icon: 'transfer', items: ['ltr', 'rtl'], dynamicTitle: true },
    },
  },
  initialGlobals: { lang: 'fr', theme: 'light', dir: 'ltr' },
  decorators: [
    (story, context) => {
      const root = document.documentElement;
      root.lang = context.globals.lang ?? 'fr';
      root.dir = context.globals.dir ?? 'ltr';
      const dark = context.globals.theme === 'dark';
      document.body.style.background = dark ? '#111416' : '';
      document.body.style.color = dark ? '#eceff1' : '';
      // Docs pages wrap each story in an element with lang="en" (Storybook's own); the widgets take
      // the closest lang, so the toolbar's language is set right around the story. And a typical
      // host page's font (a system stack, nothing downloaded) rather than the browser's serif.
      return html`<div class="ptce-story-host" lang=${root.lang} dir=${root.dir} style=${HOST_PAGE_STYLE}>${story()}</div>`;
    },
  ],
  parameters: {
    controls: { expanded: true },
    // Every story is checked by the accessibility addon; failing checks show in the panel, and
    // scripts/storybook-a11y.mjs runs the same axe checks on every story of the static build.
    a11y: { test: 'error' },
  },
};

export default preview;
