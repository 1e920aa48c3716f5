// custom-elements.json, from the JSDoc of each element (@summary, @slot, @csspart, @cssprop, @fires).
export default {
  globs: ['src/components/**/*.ts', 'src/base/ptce-element.ts'],
  // drawing/: the map's inner element, loaded with its chunk, not part of the API.
  exclude: ['src/**/*.test.ts', 'src/**/*.stories.ts', 'src/**/*.styles.ts', 'src/components/pole-map/drawing/**'],
  outdir: '.',
  litelement: true,
  packagejson: true,
};
