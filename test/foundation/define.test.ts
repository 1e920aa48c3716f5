import { expect } from '@open-wc/testing';
import { LitElement } from 'lit';
import { define } from '../../src/base/define.js';
import { PtceProvider } from '../../src/components/provider/define.js';
import { VERSION } from '../../src/version.js';

function captureWarnings(run: () => void): string[] {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
  try {
    run();
  } finally {
    console.warn = original;
  }
  return warnings;
}

describe('define()', () => {
  it('registers a new tag', () => {
    class First extends LitElement {}
    define('ptce-define-new', First);
    expect(customElements.get('ptce-define-new')).to.equal(First);
  });

  it('does not throw when a second copy of the library registers the same tag, and names both versions', () => {
    class FromOtherCopy extends LitElement {
      static version = '9.9.9-other';
    }
    let warnings: string[] = [];
    expect(() => {
      warnings = captureWarnings(() => define('ptce-provider', FromOtherCopy));
    }).not.to.throw();
    expect(customElements.get('ptce-provider')).to.equal(PtceProvider);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('<ptce-provider>');
    expect(warnings[0]).to.contain(VERSION);
    expect(warnings[0]).to.contain('9.9.9-other');
  });

  it('stays silent when the same class is registered twice (the same script loaded twice)', () => {
    const warnings = captureWarnings(() => define('ptce-provider', PtceProvider));
    expect(warnings).to.deep.equal([]);
  });

  it('the first registration keeps working after a refused second one', async () => {
    const provider = document.createElement('ptce-provider');
    expect(provider).to.be.instanceOf(PtceProvider);
  });
});

describe('version', () => {
  it('matches package.json', async () => {
    const pkg = await (await fetch('/package.json')).json();
    expect(VERSION).to.equal(pkg.version);
  });
});
