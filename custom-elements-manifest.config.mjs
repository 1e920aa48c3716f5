// custom-elements.json, from the JSDoc of each element (@summary, @slot, @csspart, @cssprop, @fires).
export default {
  globs: ['src/components/**/*.ts', 'src/base/ptce-element.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.stories.ts', 'src/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  packagejson: true,
};
