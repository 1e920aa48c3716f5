import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { DEPARTMENTS } from '../data/geography.js';
import { REGION_NAMES, regionIn } from '../data/regions-2015.js';
import {
  COLOR_PROPERTIES,
  DEFAULT_CONFIG,
  ELEMENTS,
  elementAttributes,
  iframeSnippet,
  isColor,
  scriptSnippet,
  shortcodeSnippet,
  styleOf,
  type Config,
  type SnippetFormat,
  type Sources,
  type WidgetKind,
} from './config.js';
import { messagesFor, type MessageKey } from './messages.js';

const WIDGETS: WidgetKind[] = ['carte', 'fiche', 'charte', 'referentiel'];
const FORMATS: SnippetFormat[] = ['script', 'iframe', 'shortcode'];

/**
 * The embed configurator (the server's /configurer page, and a Storybook page): the widget and its
 * options chosen in a form, the real widget previewed, and the code to paste — a script tag with the
 * versioned bundle and its SRI hash, an iframe of the server's /embed/ pages, or a WordPress
 * shortcode. The widgets themselves are loaded by the page (it is not part of the embed bundle).
 *
 * @attr endpoint - The discovery document the widgets read (relative URLs are made absolute).
 * @attr cdn-manifest - The embed build's integrity.json; gives the version and the SRI hashes.
 * @attr bundle-url - The bundle the script snippet names, when there is no manifest.
 * @attr embed-base - The server's /embed/ folder (default: embed/ beside the page).
 */
export class PtceConfigurator extends LitElement {
  @property() endpoint = 'ptce.json';
  @property({ attribute: 'cdn-manifest' }) cdnManifest?: string;
  @property({ attribute: 'bundle-url' }) bundleUrl?: string;
  @property({ attribute: 'embed-base' }) embedBase = 'embed/';
  /** The configurator's own language (its text); the widget's is a choice in the form. */
  @property({ attribute: 'lang' }) uiLang = '';

  @state() private config: Config = { ...DEFAULT_CONFIG, colors: {} };
  @state() private format: SnippetFormat = 'script';
  @state() private poles: { id: string; name: string }[] = [];
  @state() private integrity?: string;
  @state() private versionedBundle?: string;
  @state() private announcement = '';
  @state() private badColors = new Set<string>();

  @query('#snippet') private snippetField!: HTMLTextAreaElement;
  @query('#preview') private previewBox!: HTMLElement;

  private get t() {
    return messagesFor(this.uiLang || document.documentElement.lang || 'fr');
  }

  private absolute(url: string) {
    return new URL(url, document.baseURI).href;
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.loadPoles();
    void this.loadManifest();
  }

  private async loadPoles() {
    try {
      const discovery = await (await fetch(this.absolute(this.endpoint))).json();
      const polesUrl = new URL(typeof discovery.poles === 'string' ? discovery.poles : discovery.poles.url, this.absolute(this.endpoint));
      const { poles } = await (await fetch(polesUrl)).json();
      this.poles = (poles as { id: string; name: string }[])
        .map(({ id, name }) => ({ id, name }))
        .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
      if (!this.config.pole && this.poles[0]) this.config = { ...this.config, pole: this.poles[0].id };
    } catch {
      // The card's choice then stays empty; the preview shows the widget's own error.
    }
  }

  private async loadManifest() {
    if (!this.cdnManifest) return;
    try {
      const manifestUrl = this.absolute(this.cdnManifest);
      const manifest = await (await fetch(manifestUrl)).json();
      this.integrity = manifest.files['ptce-widgets.js'];
      // The manifest sits in cdn/; the same files are served under ptce-widgets@<version>/cdn/.
      this.versionedBundle = new URL(`../ptce-widgets@${manifest.version}/cdn/ptce-widgets.js`, manifestUrl).href;
    } catch {
      // Without it the script snippet names bundle-url, without a hash.
    }
  }

  private get sources(): Sources {
    return {
      endpoint: this.absolute(this.endpoint),
      bundleUrl: this.versionedBundle ?? this.absolute(this.bundleUrl ?? 'cdn/ptce-widgets.js'),
      integrity: this.versionedBundle ? this.integrity : undefined,
      embedBase: this.absolute(this.embedBase),
    };
  }

  private get snippet() {
    if (this.format === 'iframe') return iframeSnippet(this.config, this.sources, this.t.frameTitle);
    if (this.format === 'shortcode') return shortcodeSnippet(this.config, this.sources);
    return scriptSnippet(this.config, this.sources);
  }

  private set<K extends keyof Config>(key: K, value: Config[K]) {
    this.config = { ...this.config, [key]: value };
  }

  private setColor(name: string, value: string) {
    const trimmed = value.trim();
    const bad = new Set(this.badColors);
    if (trimmed && !isColor(trimmed)) bad.add(name);
    else bad.delete(name);
    this.badColors = bad;
    this.config = { ...this.config, colors: { ...this.config.colors, [name]: trimmed } };
  }

  /** The preview is the real element, rebuilt with the snippet's attributes when they change. */
  override updated() {
    const tag = ELEMENTS[this.config.widget];
    const attributes = elementAttributes(this.config, this.sources.endpoint);
    const style = styleOf(this.config);
    const signature = JSON.stringify([tag, attributes, style]);
    if (this.previewBox.dataset.signature === signature) return;
    this.previewBox.dataset.signature = signature;
    const widget = document.createElement(tag);
    for (const [name, value] of attributes) widget.setAttribute(name, value);
    if (style) widget.setAttribute('style', style);
    this.previewBox.replaceChildren(widget);
  }

  private async copy() {
    try {
      await navigator.clipboard.writeText(this.snippet);
      this.announce(this.t.copied);
    } catch {
      this.snippetField.focus();
      this.snippetField.select();
      this.announce(this.t.copyFailed);
    }
  }

  private announce(text: string) {
    // Emptied first, so the same sentence twice is read twice.
    this.announcement = '';
    requestAnimationFrame(() => (this.announcement = text));
  }

  private radios<T extends string>(name: string, legend: string, values: readonly T[], current: T, pick: (value: T) => void) {
    return html`<fieldset>
      <legend>${legend}</legend>
      ${values.map(
        (value) =>
          html`<label class="choice"
            ><input type="radio" name=${name} .value=${value} .checked=${value === current} @change=${() => pick(value)} />
            ${this.t[value as MessageKey] ?? value}</label
          >`,
      )}
    </fieldset>`;
  }

  private select(id: string, label: string, current: string, options: [string, string][], pick: (value: string) => void) {
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <select id=${id} @change=${(event: Event) => pick((event.target as HTMLSelectElement).value)}>
        ${options.map(([value, text]) => html`<option .value=${value} ?selected=${value === current}>${text}</option>`)}
      </select>
    </div>`;
  }

  private territory(): TemplateResult {
    const { t, config } = this;
    const regions = Object.entries(REGION_NAMES[config.regions]).sort((a, b) => a[1].localeCompare(b[1], 'fr'));
    const departments = [...DEPARTMENTS.values()].filter((d) => !config.region || regionIn(config.regions, d.code) === config.region);
    return html`<fieldset>
      <legend>${t.territory}</legend>
      ${this.select(
        'regions',
        t.regions,
        config.regions,
        [
          ['current', t.regionsCurrent],
          ['2015', t.regions2015],
        ],
        (value) => (this.config = { ...config, regions: value as Config['regions'], region: '', department: '' }),
      )}
      ${this.select('region', t.region, config.region, [['', t.all], ...regions], (value) => (this.config = { ...config, region: value, department: '' }))}
      ${this.select(
        'department',
        t.department,
        config.department,
        [['', t.allDepartments], ...departments.map((d): [string, string] => [d.code, `${d.code} — ${d.name}`])],
        (value) => this.set('department', value),
      )}
    </fieldset>`;
  }

  private options(): TemplateResult | typeof nothing {
    const { t, config } = this;
    if (config.widget === 'carte')
      return html`${this.territory()}${this.radios('view', t.view, ['both', 'map', 'list'] as const, config.view, (v) => this.set('view', v))}
      ${this.radios('mode', t.mode, ['markers', 'density'] as const, config.mode, (v) => this.set('mode', v))}`;
    if (config.widget === 'fiche')
      return html`${this.select(
        'pole',
        t.pole,
        config.pole,
        this.poles.map((p): [string, string] => [p.id, p.name]),
        (v) => this.set('pole', v),
      )}
      ${this.radios('variant', t.variant, ['full', 'compact'] as const, config.variant, (v) => this.set('variant', v))}`;
    return nothing;
  }

  private colors() {
    const { t, config } = this;
    return html`<fieldset>
      <legend>${t.appearance}</legend>
      ${this.select(
        'theme',
        t.theme,
        config.theme,
        (['auto', 'system', 'light', 'dark'] as const).map((v) => [v, t[v]]),
        (v) => this.set('theme', v as Config['theme']),
      )}
      <p class="hint" id="colors-hint">${t.colorsHint}</p>
      ${COLOR_PROPERTIES.map((name) => {
        const bad = this.badColors.has(name);
        const id = `color${name.slice('--ptce-color'.length)}`;
        return html`<div class="field">
          <label for=${id}>${t[name]}</label>
          <span class="color-row">
            <input
              id=${id}
              type="text"
              inputmode="text"
              spellcheck="false"
              autocomplete="off"
              placeholder="#1f6f5c"
              .value=${config.colors[name] ?? ''}
              aria-invalid=${bad ? 'true' : 'false'}
              aria-describedby=${bad ? `${id}-error colors-hint` : 'colors-hint'}
              @input=${(event: Event) => this.setColor(name, (event.target as HTMLInputElement).value)}
            />
            <span class="swatch" style=${isColor(config.colors[name] ?? '') ? `background: ${config.colors[name]}` : ''}></span>
          </span>
          ${bad ? html`<p class="error" id=${`${id}-error`}>${t.badColor}</p>` : nothing}
        </div>`;
      })}
    </fieldset>`;
  }

  override render() {
    const { t, config } = this;
    const help = { script: t.scriptHelp, iframe: t.iframeHelp, shortcode: t.shortcodeHelp }[this.format];
    return html`<header>
        <h1>${t.title}</h1>
        <button
          type="button"
          lang=${t.switchLanguage === 'English' ? 'en' : 'fr'}
          @click=${() => this.setAttribute('lang', t.switchLanguage === 'English' ? 'en' : 'fr')}
        >
          ${t.switchLanguage}
        </button>
      </header>
      <p>${t.intro}</p>
      <div class="layout">
        <form @submit=${(event: Event) => event.preventDefault()}>
          ${this.radios('widget', t.widget, WIDGETS, config.widget, (v) => this.set('widget', v))} ${this.options()} ${this.colors()}
          <fieldset>
            <legend>${t.language}</legend>
            ${this.radios('lang', t.lang, ['fr', 'en'] as const, config.lang, (v) => this.set('lang', v))}
            ${this.select(
              'heading-level',
              t.headingLevel,
              String(config.headingLevel),
              ['1', '2', '3', '4', '5', '6'].map((v) => [v, v]),
              (v) => this.set('headingLevel', Number(v)),
            )}
            <p class="hint">${t.headingHint}</p>
          </fieldset>
        </form>
        <div class="results">
          <section aria-labelledby="preview-heading">
            <h2 id="preview-heading">${t.preview}</h2>
            <p class="hint">${t.previewHint}</p>
            <div id="preview" class="preview"></div>
          </section>
          <section aria-labelledby="code-heading">
            <h2 id="code-heading">${t.code}</h2>
            ${this.radios('format', t.format, FORMATS, this.format, (v) => (this.format = v))}
            <label for="snippet">${t[this.format]}</label>
            <p class="hint" id="snippet-help">${help}</p>
            <textarea id="snippet" readonly rows="8" spellcheck="false" aria-describedby="snippet-help" .value=${this.snippet}></textarea>
            <button type="button" id="copy" @click=${this.copy}>${t.copy}</button>
            <p role="status" class="status">${this.announcement}</p>
          </section>
        </div>
      </div>`;
  }

  static override styles = css`
    :host {
      display: block;
      font-family: var(--ptce-configurator-font, system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif);
      line-height: 1.5;
      color: #1d2327;
    }
    header {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      justify-content: space-between;
      gap: 1rem;
    }
    h1 {
      font-size: 1.6rem;
      margin: 0;
    }
    h2 {
      font-size: 1.25rem;
    }
    .layout {
      display: grid;
      grid-template-columns: minmax(16rem, 22rem) minmax(0, 1fr);
      gap: 2rem;
      align-items: start;
    }
    @media (max-width: 52rem) {
      .layout {
        grid-template-columns: minmax(0, 1fr);
      }
    }
    fieldset {
      border: 1px solid #8c8f94;
      border-radius: 0.4rem;
      margin: 0 0 1rem;
      padding: 0.5rem 0.9rem 0.8rem;
    }
    legend {
      font-weight: 600;
      padding: 0 0.3rem;
    }
    .choice {
      display: block;
      padding: 0.15rem 0;
    }
    .field {
      display: grid;
      gap: 0.2rem;
      margin-block: 0.5rem;
    }
    select,
    input[type='text'],
    textarea,
    button {
      font: inherit;
      padding: 0.35rem 0.5rem;
    }
    .color-row {
      display: flex;
      gap: 0.5rem;
      align-items: center;
    }
    .swatch {
      inline-size: 1.6rem;
      block-size: 1.6rem;
      border: 1px solid #50575e;
      border-radius: 0.2rem;
    }
    textarea {
      display: block;
      inline-size: 100%;
      box-sizing: border-box;
      font-family: ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace;
      font-size: 0.85rem;
      margin-block: 0.4rem;
    }
    .preview {
      border: 1px dashed #8c8f94;
      border-radius: 0.4rem;
      padding: 1rem;
      min-block-size: 8rem;
    }
    .hint {
      color: #50575e;
      margin: 0.2rem 0;
      font-size: 0.9rem;
    }
    .error {
      color: #a4161a;
      margin: 0;
    }
    .status {
      min-block-size: 1.5em;
    }
    :focus-visible {
      outline: 3px solid #1f5fbf;
      outline-offset: 2px;
    }
  `;
}
