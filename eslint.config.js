// Lint for the whole tree (`npm run lint`, in CI): JavaScript's and typescript-eslint's recommended
// rules, Lit's template rules and Lit's accessibility rules on the widgets. Formatting is Prettier's
// (`npm run format`), so no rule here is about layout. Template bindings are checked by lit-analyzer.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { configs as litConfigs } from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '**/node_modules/',
      'dist/',
      // The server's build (npm run -w server build, and the tests that start the built server).
      'server/dist/',
      'dist-demo/',
      // The bundle npm run build copies into the WordPress plugin.
      'integrations/wordpress/ptce-widgets/assets/',
      'storybook-static/',
      'test-results/',
      'custom-elements.json',
      'data/',
      'test/package/fixtures/',
      'schemas/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // `_name` marks a parameter a signature requires but the body does not use.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Test helpers and adapters of foreign JSON type what they receive on purpose.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['src/**/*.ts', 'stories/**/*.ts', 'test/**/*.ts'],
    ...litConfigs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts', 'stories/**/*.ts'],
    ...litA11y.configs.recommended,
  },
  {
    // Mocha's describe/it in the browser tests; chai's `expect(x).to.be.true` reads as an expression.
    files: ['**/*.test.ts', 'test/**/*.ts'],
    languageOptions: { globals: { ...globals.mocha } },
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
