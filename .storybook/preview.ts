import type { Preview } from '@storybook/web-components-vite';

const preview: Preview = {
  globalTypes: {
    lang: {
      description: 'Language of the widgets',
      toolbar: { title: 'Langue', icon: 'globe', items: ['fr', 'en'], dynamicTitle: true },
    },
    theme: {
      description: 'Colour scheme',
      toolbar: { title: 'Thème', icon: 'contrast', items: ['light', 'dark'], dynamicTitle: true },
    },
  },
  initialGlobals: { lang: 'fr', theme: 'light' },
  decorators: [
    (story, context) => {
      document.documentElement.lang = context.globals.lang ?? 'fr';
      const dark = context.globals.theme === 'dark';
      document.body.style.background = dark ? '#111416' : '';
      document.body.style.color = dark ? '#eceff1' : '';
      return story();
    },
  ],
  parameters: {
    controls: { expanded: true },
  },
};

export default preview;
