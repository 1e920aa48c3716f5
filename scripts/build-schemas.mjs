// Writes schemas/<name>.schema.json from the zod schemas in src/data/ (the one source of truth).
// `--check` compares instead of writing and fails on any difference.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';

const bundle = await build({
  entryPoints: ['src/data/json-schema.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  write: false,
  logLevel: 'error',
});
const module = await import(`data:text/javascript;base64,${Buffer.from(bundle.outputFiles[0].text).toString('base64')}`);

const check = process.argv.includes('--check');
mkdirSync('schemas', { recursive: true });
let drift = 0;
for (const name of Object.keys(module.PUBLISHED_SCHEMAS)) {
  const file = `schemas/${name}.schema.json`;
  const json = `${JSON.stringify(module.jsonSchemaOf(name), null, 2)}\n`;
  if (check) {
    if (!existsSync(file) || readFileSync(file, 'utf8') !== json) {
      console.error(`${file} differs from the zod schema: run npm run build`);
      drift++;
    }
  } else {
    writeFileSync(file, json);
  }
}
if (drift) process.exit(1);
console.log(check ? 'schemas/: up to date' : `schemas/: ${Object.keys(module.PUBLISHED_SCHEMAS).length} JSON Schemas written`);
