import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { render } from '@lit-labs/ssr';
import { collectResultSync } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';
import { serverElements } from '../src/ssr/render.js';
import '../../src/components/provider/define.js';
import '../../src/components/referentiel/define.js';
import '../../src/components/action-form/define.js';

// Every element renders on a server as Lit's SSR requires (no DOM before its first update): given
// no data, each renders its shadow root with its loading state, the same as in a browser before its
// data arrive; the ones the pages render (map, card, charter) are given theirs in pages.test.ts.
describe('the elements on a server', () => {
  it('each renders its declarative shadow root without touching a DOM', async () => {
    await serverElements;
    const pages = {
      'ptce-pole-map': html`<ptce-pole-map region="84"></ptce-pole-map>`,
      'ptce-pole-card': html`<ptce-pole-card pole-id="x"></ptce-pole-card>`,
      'ptce-charter': html`<ptce-charter></ptce-charter>`,
      'ptce-referentiel': html`<ptce-referentiel mode="read"></ptce-referentiel>`,
      'ptce-action-form': html`<ptce-action-form></ptce-action-form>`,
      'ptce-provider': html`<ptce-provider endpoint="/ptce.json"><ptce-pole-card pole-id="x"></ptce-pole-card></ptce-provider>`,
    };
    for (const [tag, template] of Object.entries(pages)) {
      const out = collectResultSync(render(template));
      assert.match(out, new RegExp(`<${tag}[^>]*>\\s*<template shadowroot="open" shadowrootmode="open">`), tag);
      if (tag !== 'ptce-provider') assert.match(out, /Chargement…/, tag);
    }
    // English when the element says so (its catalog is loaded by serverElements).
    assert.match(collectResultSync(render(html`<ptce-charter lang="en"></ptce-charter>`)), /Loading…/);
  });
});
