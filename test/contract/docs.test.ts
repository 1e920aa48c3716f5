import { expect } from '@open-wc/testing';
import { validate, type Schema } from '../../src/data/validate.js';
import { PUBLISHED_SCHEMAS, type PublishedSchemaName } from '../../src/data/json-schema.js';

/** Every ```json <name> block of docs/endpoint.md is a valid <name> document: the docs cannot drift. */
describe('docs/endpoint.md', () => {
  it('has a valid example of every published resource', async () => {
    const markdown = await (await fetch('/docs/endpoint.md')).text();
    const blocks = [...markdown.matchAll(/```json ([a-z-]+)\n([\s\S]*?)```/g)].map(([, name, body]) => ({ name, body }));
    const seen = new Set<string>();
    for (const { name, body } of blocks) {
      expect(name in PUBLISHED_SCHEMAS, `unknown schema name "${name}"`).to.equal(true);
      const schema: Schema<unknown> = PUBLISHED_SCHEMAS[name as PublishedSchemaName][0];
      const result = validate(schema, JSON.parse(body));
      expect(result.ok ? 'valid' : JSON.stringify(result.issues), `example "${name}"`).to.equal('valid');
      seen.add(name);
    }
    const documented = [...seen].sort();
    expect(documented).to.deep.equal(
      Object.keys(PUBLISHED_SCHEMAS)
        .filter((n) => n !== 'pole')
        .sort(),
    );
  });
});
