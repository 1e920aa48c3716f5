import { expect } from '@open-wc/testing';
import { PtceClient } from '../../src/data/client.js';
import { loadPoles } from '../../src/data/poles.js';
import { mockEndpoint, mockRequests, mockRoute, samplePoles, uniquePrefix } from '../support/mock.js';

describe('PtceClient', () => {
  it('resolves resource URLs against the discovery document, not the page', async () => {
    const { url, prefix } = await mockEndpoint();
    const client = new PtceClient(url);
    const found = await client.locate('poles');
    expect(found.ok && found.value.url).to.equal(new URL(`${prefix}/poles.json`, location.href).href);
  });

  it('sends one request for simultaneous callers and serves later ones from the cache', async () => {
    const path = await mockRoute({ path: `${uniquePrefix()}/doc.json`, json: { a: 1 }, delay: 100 });
    const client = new PtceClient(path);
    const results = await Promise.all([client.getJson(client.endpoint), client.getJson(client.endpoint), client.getJson(client.endpoint)]);
    expect(results.every((r) => r.ok)).to.equal(true);
    await client.getJson(client.endpoint);
    expect(await mockRequests(path)).to.have.length(1);
  });

  it('refetches once the TTL has passed', async () => {
    const path = await mockRoute({ path: `${uniquePrefix()}/doc.json`, json: { a: 1 } });
    const client = new PtceClient(path, { ttlMs: 50 });
    const fetchedAt = performance.now();
    await client.getJson(client.endpoint);
    // The TTL is time itself: wait until more than 50 ms have really passed.
    await new Promise((r) => setTimeout(r, 60));
    expect(performance.now() - fetchedAt).to.be.above(50);
    await client.getJson(client.endpoint);
    expect(await mockRequests(path)).to.have.length(2);
  });

  it('does not keep failures: the next call asks again', async () => {
    const path = await mockRoute({ path: `${uniquePrefix()}/doc.json`, status: 502, text: 'bad gateway' });
    const client = new PtceClient(path);
    const first = await client.getJson(client.endpoint);
    expect(!first.ok && first.failure).to.deep.include({ kind: 'http', status: 502 });
    await client.getJson(client.endpoint);
    expect(await mockRequests(path)).to.have.length(2);
  });

  it("one caller's abort leaves the others their answer; when all abort, the request is cancelled", async () => {
    const path = await mockRoute({ path: `${uniquePrefix()}/doc.json`, json: { a: 1 }, delay: 300 });
    const client = new PtceClient(path);
    const leaving = new AbortController();
    const left = client.getJson(client.endpoint, leaving.signal);
    const stays = client.getJson(client.endpoint);
    leaving.abort();
    expect(await left).to.deep.equal({ ok: false, failure: { kind: 'aborted' } });
    expect(await stays).to.deep.equal({ ok: true, value: { a: 1 } });

    const path2 = await mockRoute({ path: `${uniquePrefix()}/doc.json`, json: { a: 2 }, delay: 300 });
    const client2 = new PtceClient(path2);
    const only = new AbortController();
    const pending = client2.getJson(client2.endpoint, only.signal);
    only.abort();
    expect((await pending).ok).to.equal(false);
    // The cancelled request is not cached: the next call starts a new one.
    expect(await client2.getJson(client2.endpoint)).to.deep.equal({ ok: true, value: { a: 2 } });
  });

  it('refuses a body past the size cap even without a Content-Length', async () => {
    const path = await mockRoute({ path: `${uniquePrefix()}/big.json`, text: '"' + 'x'.repeat(64) + '"', repeat: 1 });
    const client = new PtceClient(path, { maxBytes: 32 });
    const result = await client.getJson(client.endpoint);
    expect(!result.ok && result.failure.kind).to.equal('too-large');
  });

  it('caps each resource: a poles list past the document cap loads, a list past its own cap does not', async () => {
    const poles = { poles: [{ ...samplePoles.poles[0], description: 'x'.repeat(4000) }] };
    const { url } = await mockEndpoint({ poles });
    // 1 KB for documents, the default for lists: the 4 KB list loads, the discovery document too.
    const loaded = await loadPoles(new PtceClient(url, { maxBytes: 1024, maxListBytes: 32 * 1024 * 1024 }));
    expect(loaded.ok && loaded.value.value.poles.length).to.equal(1);
    expect(new PtceClient(url).maxListBytes).to.equal(32 * 1024 * 1024);
    const capped = await loadPoles(new PtceClient(url, { maxListBytes: 2048 }));
    expect(!capped.ok && capped.failure).to.deep.include({ kind: 'too-large', maxBytes: 2048 });
    // A cap given only as maxBytes applies to lists too.
    const both = await loadPoles(new PtceClient(url, { maxBytes: 2048 }));
    expect(!both.ok && both.failure.kind).to.equal('too-large');
  });

  it('validates the poles list record by record, with paths', async () => {
    const { url } = await mockEndpoint({
      poles: { poles: [samplePoles.poles[0], { id: 7, name: 'Sans id texte' }, { id: 'x' }] },
    });
    const result = await loadPoles(new PtceClient(url));
    expect(result.ok).to.equal(true);
    if (!result.ok) return;
    expect(result.value.value.poles.map((p) => p.id)).to.deep.equal(['domb-innov']);
    expect(result.value.skipped.map((s) => [s.index, s.issues[0].path])).to.deep.equal([
      [1, 'poles[1].id'],
      [2, 'poles[2].name'],
    ]);
  });

  it('posts JSON with an Idempotency-Key and returns the receipt or the field errors', async () => {
    const prefix = uniquePrefix();
    await mockRoute({ path: `${prefix}/ptce.json`, json: { ptce: 1, signatures: 'api/signatures' } });
    await mockRoute({ path: `${prefix}/api/signatures`, status: 201, json: { reference: 'SIG-1' } });
    const client = new PtceClient(`${prefix}/ptce.json`);
    const sent = await client.post('signatures', { pole: 'X' }, 'key-123');
    expect(sent).to.deep.equal({ ok: true, value: { reference: 'SIG-1' } });
    const [request] = await mockRequests(`${prefix}/api/signatures`);
    expect(request.method).to.equal('POST');
    expect(request.headers['idempotency-key']).to.equal('key-123');
    expect(JSON.parse(request.body)).to.deep.equal({ pole: 'X' });

    await mockRoute({ path: `${prefix}/api/signatures`, status: 400, json: { errors: [{ path: 'pole.name', message: 'required' }] } });
    const refused = await client.post('signatures', {}, 'key-456');
    expect(!refused.ok && refused.failure).to.deep.include({
      kind: 'http',
      status: 400,
      issues: [{ path: 'pole.name', message: 'required' }],
    });
  });
});
