import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { admin, backEnd, post, repo, signature, startApp, type Running } from './helpers.js';
import { DEPARTMENTS } from '../../src/data/geography.js';
import { regionIn } from '../../src/data/regions-2015.js';

// The server-rendered pages (server/src/ssr/, routes/pages.ts): what a crawler or a reader
// without scripts gets, the headers that say who may frame them, and hostile pole data written
// as text.

interface DemoPole {
  id: string;
  name: string;
  departments?: string[];
}
const demo = JSON.parse(readFileSync(join(repo, 'demo/data/poles.json'), 'utf8')) as { poles: DemoPole[] };
const polesOf = (generation: 'current' | '2015', region: string) =>
  demo.poles.filter((pole) => pole.departments?.some((code) => regionIn(generation, code) === region));

/** The ids the page links to as pole pages (`/poles/<id>`). */
const poleLinks = (html: string) => [...html.matchAll(/<a href="(?:\.\.\/)*poles\/([^"]+)"/g)].map((m) => decodeURIComponent(m[1]));

/** The JSON-LD blocks of a page, parsed. */
const jsonLd = (html: string) =>
  [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]) as Record<string, unknown>);

describe(`server-rendered pages (${backEnd})`, () => {
  let server: Running;
  before(async () => {
    server = await startApp();
  });
  after(() => server.close());
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers });

  it('/poles/<id>: the card in the HTML, its title, description, canonical URL and JSON-LD (an Organization and its Place)', async () => {
    const response = await get('/poles/domb-innov');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/);
    const html = await response.text();
    assert.match(html, /<title>Domb'Innov — PTCE<\/title>/);
    assert.match(html, /<meta name="description" content="Au sud de l’Ain, 14 entreprises sociales/);
    assert.match(html, new RegExp(`<link rel="canonical" href="${server.url}/poles/domb-innov">`));
    // The card itself, in its declarative shadow root: name, description, figures.
    assert.match(html, /<ptce-pole-card[^>]*defer-hydration[^>]*>\s*<template shadowroot="open" shadowrootmode="open">/);
    assert.match(html, /<h1[^>]*>(<!--[^>]*-->)*Domb&#39;Innov/);
    assert.match(html, /mutualisent des moyens/);
    assert.match(html, /300/);
    const [ld] = jsonLd(html);
    assert.equal(ld['@context'], 'https://schema.org');
    assert.equal(ld['@type'], 'Organization');
    assert.equal(ld.name, "Domb'Innov");
    assert.equal(ld.mainEntityOfPage, `${server.url}/poles/domb-innov`);
    const place = ld.location as Record<string, unknown>;
    assert.equal(place['@type'], 'Place');
    assert.deepEqual((place.address as Record<string, unknown>).addressRegion, 'Auvergne-Rhône-Alpes');
    // Public facts only: no e-mail or phone, nothing but the schema's fields.
    assert.deepEqual(
      Object.keys(ld).filter(
        (key) =>
          ![
            '@context',
            '@type',
            '@id',
            'name',
            'description',
            'url',
            'mainEntityOfPage',
            'logo',
            'foundingDate',
            'sameAs',
            'areaServed',
            'location',
          ].includes(key),
      ),
      [],
    );
    // Back to the region's map; the hydration script, and no other.
    // Links relative to the page, so that they work wherever the server is mounted.
    assert.match(html, /<a href="..\/carte\/84">/);
    assert.deepEqual(
      [...html.matchAll(/<script type="module" src="([^"]+)"/g)].map((m) => m[1]),
      ['../cdn/ssr/hydrate.js', '../embed/frame-height.js'],
    );
  });

  it('/carte/84 lists the region’s poles as links to their pages, with the basemap and the marks in the HTML', async () => {
    const html = await (await get('/carte/84')).text();
    assert.match(html, /<h1>Les PTCE en Auvergne-Rhône-Alpes<\/h1>/);
    const expected = polesOf('current', '84').map((pole) => pole.id);
    assert.ok(expected.length > 3);
    assert.deepEqual(poleLinks(html).sort(), expected.sort());
    assert.match(html, /<ptce-pole-map-view[^>]*>\s*<template shadowroot="open"/);
    assert.match(html, /<path[^>]* d="M/);
    assert.match(html, /class="marker/);
    assert.match(html, /region="84"/);
  });

  it('/carte/82 is Rhône-Alpes, a region of 2015; /carte the whole of France', async () => {
    const html = await (await get('/carte/82')).text();
    assert.match(html, /<h1>Les PTCE en Rhône-Alpes<\/h1>/);
    assert.match(html, /regions="2015"/);
    assert.deepEqual(
      poleLinks(html).sort(),
      polesOf('2015', '82')
        .map((p) => p.id)
        .sort(),
    );
    const all = await (await get('/carte')).text();
    // The list shows its first page of poles (50): the demo's 40 all.
    assert.equal(poleLinks(all).length, demo.poles.length);
    const english = await (await get('/carte/84?lang=en')).text();
    assert.match(english, /<html lang="en">/);
    assert.match(english, /<h1>PTCE in Auvergne-Rhône-Alpes<\/h1>/);
  });

  it('/charte: the charter’s text in the HTML', async () => {
    const html = await (await get('/charte')).text();
    assert.match(html, /<title>Charte des PTCE/);
    assert.match(html, /Charte de la démarche collective PTCE/);
    assert.match(html, /ne relève pas d'un principe de labellisation/);
  });

  it('answers 404 for a pole or a region it does not know, without writing the path back', async () => {
    for (const path of [
      '/poles/no-such-pole',
      '/carte/99',
      '/carte/%3Cscript%3Ealert(1)%3C%2Fscript%3E',
      '/poles/%3Cimg%20src%3Dx%3E',
      '/embed/poles/nope',
      '/embed/carte?region=99',
    ]) {
      const response = await get(path);
      assert.equal(response.status, 404, path);
      const html = await response.text();
      assert.match(html, /introuvable|inconnue/, path);
      assert.doesNotMatch(html, /<script>|<img src=x/i, path);
    }
  });

  it('lets any site frame the embed pages only: X-Frame-Options DENY and frame-ancestors none everywhere else', async () => {
    for (const path of ['/carte/84', '/poles/domb-innov', '/charte', '/poles.json', '/healthz', '/coordination']) {
      const response = await get(path);
      assert.equal(response.headers.get('x-frame-options'), 'DENY', path);
      assert.match(response.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/, path);
    }
    for (const path of ['/embed/carte?region=84', '/embed/poles/domb-innov', '/embed/charte', '/embed/referentiel']) {
      const response = await get(path);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get('x-frame-options'), null, path);
      assert.match(response.headers.get('content-security-policy') ?? '', /frame-ancestors \*/, path);
      const html = await response.text();
      assert.match(html, /<script type="module" src="(..\/)+embed\/frame-height.js">/, path);
      assert.match(html, /<meta name="robots" content="noindex">/, path);
    }
    const script = await get('/embed/frame-height.js');
    assert.match(script.headers.get('content-type') ?? '', /javascript/);
    assert.match(await script.text(), /type: 'ptce:height'/);
  });

  it('takes the widgets’ options from the query as the elements’ attributes, and ignores values they do not take', async () => {
    const html = await (await get('/embed/carte?region=84&view=list&lang=en&heading-level=3&theme=dark&mode=markers')).text();
    const map = /<ptce-pole-map([^>]*)>/.exec(html)![1];
    for (const attribute of ['region="84"', 'view="list"', 'lang="en"', 'heading-level="3"', 'theme="dark"', 'sync-url']) {
      assert.ok(map.includes(attribute), `${attribute} in ${map}`);
    }
    // The frame's own page takes the widget's colours.
    assert.match(html, /<meta name="color-scheme" content="dark">/);
    // No links to pages out of the frame: the list opens the panel, as on any page.
    assert.equal(poleLinks(html).length, 0);
    const hostile = await (await get('/embed/carte?view=%22%3E%3Cscript%3Ealert(1)%3C/script%3E&theme=x&heading-level=9&lang=de')).text();
    const attributes = /<ptce-pole-map([^>]*)>/.exec(hostile)![1];
    assert.doesNotMatch(attributes, /view=|theme="x"|heading-level|lang="de"/);
    assert.doesNotMatch(hostile, /<script>alert/);
    const referentiel = await (await get('/embed/referentiel?mode=summary&pole-id=domb-innov&lang=en')).text();
    assert.match(
      referentiel,
      /<ptce-referentiel endpoint="..\/ptce.json" lang="en" mode="summary" pole-id="domb-innov"><\/ptce-referentiel>/,
    );
    assert.match(referentiel, /src="..\/cdn\/elements\/ptce-referentiel.js"/);
  });

  it('takes the configurator’s colours (`ptce-color-accent=%23aa3300`) as the element’s inline custom properties, and drops any other value', async () => {
    const html = await (await get('/embed/carte?region=84&ptce-color-accent=%23aa3300&ptce-color-border=%23abc')).text();
    const map = /<ptce-pole-map([^>]*)>/.exec(html)![1];
    assert.match(map, /style="--ptce-color-accent: #aa3300; --ptce-color-border: #abc"/);
    assert.match(map, /region="84"/);
    for (const path of ['/embed/poles/domb-innov', '/embed/charte']) {
      const page = await (await get(`${path}?ptce-color-text=%23102030`)).text();
      assert.match(/<ptce-(?:pole-card|charter)([^>]*)>/.exec(page)![1], /style="--ptce-color-text: #102030"/, path);
    }
    const referentiel = await (await get('/embed/referentiel?ptce-color-surface=%23FFFFFF')).text();
    assert.match(referentiel, /<ptce-referentiel [^>]*style="--ptce-color-surface: #FFFFFF"/);

    // A value that is not #rrggbb or #rgb is dropped, never written into the page.
    const hostile = `red;}</style><script>alert(1)</script>`;
    const query = new URLSearchParams({
      region: '84',
      'ptce-color-accent': hostile,
      'ptce-color-text': 'url(https://evil.example/x)',
      'ptce-color-border': '#aa3300;color:red',
    });
    const dropped = await get(`/embed/carte?${query}`);
    assert.equal(dropped.status, 200);
    const page = await dropped.text();
    assert.doesNotMatch(/<ptce-pole-map([^>]*)>/.exec(page)![1], /style=/);
    assert.ok(!page.includes('<script>alert'), 'no script from the query');
    assert.ok(!page.includes('evil.example') && !page.includes('color:red'), 'nothing of the values in the page');
    // Only the four colours the configurator offers: another custom property is ignored.
    const other = await (await get('/embed/carte?ptce-color-danger=%23aa3300&--ptce-color-accent=%23aa3300')).text();
    assert.doesNotMatch(/<ptce-pole-map([^>]*)>/.exec(other)![1], /style=/);
  });

  it('sends the pages compressed when the client accepts it', async () => {
    const response = await get('/carte/84', { 'Accept-Encoding': 'br' });
    assert.equal(response.headers.get('content-encoding'), 'br');
    assert.match(await response.text(), /<h1>Les PTCE en Auvergne-Rhône-Alpes<\/h1>/);
  });

  it('writes hostile pole data as text: in the card, the list, the title and the JSON-LD', async () => {
    const name = `Pôle </script><script>alert(1)</script><img src=x onerror=alert(2)> & "Cie" \u2028`;
    const receipt = await (await post(`${server.url}/api/signatures`, signature({ pole: { ...signature().pole, name } }))).json();
    assert.equal((await admin(`${server.url}/api/admin/signatures/${receipt.reference}/approve`, { method: 'POST' })).status, 200);
    const poles = (await (await get('/poles.json')).json()) as { poles: DemoPole[] };
    const pole = poles.poles.find((p) => p.name === name)!;
    assert.ok(pole, 'the approved signature is listed');
    const region = regionIn('current', pole.departments![0])!;
    assert.ok(DEPARTMENTS.has(pole.departments![0]));

    const page = await (await get(`/poles/${encodeURIComponent(pole.id)}`)).text();
    const map = await (await get(`/carte/${region}`)).text();
    assert.ok(poleLinks(map).includes(pole.id), 'the new pole is on its region’s map at once');
    for (const html of [page, map]) {
      assert.doesNotMatch(html, /<script>alert|<img src=x/);
      // Only our scripts: the module, the JSON-LD (pole page) and the data, each closed once.
      const scripts = html.match(/<script/g)!.length;
      assert.equal(html.match(/<\/script>/g)!.length, scripts);
    }
    assert.match(
      page,
      /&lt;\/script&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;&lt;img src=x onerror=alert\(2\)&gt; &amp; &quot;Cie&quot;/,
    );
    const [ld] = jsonLd(page);
    assert.equal(ld.name, name);
    const data = JSON.parse(/<script type="application\/json" id="ptce-ssr-data">([\s\S]*?)<\/script>/.exec(page)![1]);
    assert.equal(data.documents['../poles.json'].poles[0].name, name);
  });
});
