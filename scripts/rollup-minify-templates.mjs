// Rollup plugin for the embed build: shrinks the text of Lit's tagged templates, which terser
// leaves as written (indentation, comments).
//  - css`…` without interpolation or escapes goes through lightningcss (a real CSS parser, so
//    selectors such as `.a :hover` keep their meaning; its text is then the same raw or cooked);
//    otherwise only comments and indentation go.
//  - html`…` and svg`…`: each run of whitespace that contains a line break becomes one space, which
//    renders the same in HTML and SVG (no template of ours has <pre>, and a <textarea>'s content is
//    set through `.value`).
import MagicString from 'magic-string';
import { transform as transformCss } from 'lightningcss';

const TAGS = new Set(['css', 'html', 'svg']);

function* taggedTemplates(node) {
  if (!node || typeof node.type !== 'string') return;
  if (node.type === 'TaggedTemplateExpression' && node.tag.type === 'Identifier' && TAGS.has(node.tag.name)) {
    yield node;
  }
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (Array.isArray(value)) for (const child of value) yield* taggedTemplates(child);
    else if (value && typeof value === 'object' && key !== 'loc') yield* taggedTemplates(value);
  }
}

const minifyCss = (text, id) => transformCss({ filename: id, code: Buffer.from(text), minify: true }).code.toString();

const collapseLines = (text) => text.replace(/\s*\n\s*/g, ' ');
const stripCssComments = (text) => collapseLines(text.replace(/\/\*[\s\S]*?\*\//g, ''));

export function minifyTemplates() {
  return {
    name: 'ptce-minify-templates',
    transform(code, id) {
      if (!id.includes('/src/') || !/\b(css|html|svg)\s*`/.test(code)) return null;
      const output = new MagicString(code);
      let changed = false;
      for (const node of taggedTemplates(this.parse(code))) {
        const quasis = node.quasi.quasis;
        const replace = (quasi, text) => {
          if (text === quasi.value.raw) return;
          output.overwrite(quasi.start, quasi.end, text);
          changed = true;
        };
        const plainCss = node.tag.name === 'css' && quasis.length === 1 && !quasis[0].value.raw.includes('\\');
        if (plainCss) replace(quasis[0], minifyCss(quasis[0].value.raw, id));
        else if (node.tag.name === 'css') for (const q of quasis) replace(q, stripCssComments(q.value.raw));
        else for (const q of quasis) replace(q, collapseLines(q.value.raw));
      }
      return changed ? { code: output.toString(), map: output.generateMap({ hires: true }) } : null;
    },
  };
}
