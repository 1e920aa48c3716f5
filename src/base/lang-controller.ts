import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DEFAULT_LANG, isLangLoaded, loadLang, supportedLang } from '../i18n/index.js';

const connected = new Set<LangController>();

/** The parent, or a shadow root's host (by node type: an iframe's nodes are of another realm). */
const up = (node: Node): Node | null => (node.nodeType === Node.DOCUMENT_FRAGMENT_NODE && (node as ShadowRoot).host) || node.parentNode;
let observer: MutationObserver | undefined;

/** Any `lang` change in the document or in a shadow root holding a widget may change that widget's language. */
function watch(root: Node): void {
  observer ??= new MutationObserver(() => {
    for (const controller of connected) controller.refresh();
  });
  // Observing a node again only replaces the options: each root is watched once.
  observer.observe(root, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

/**
 * The language an element speaks: its own `lang`, else the closest ancestor's across shadow roots,
 * else what `fallback` says (a provider's), else French. It follows every change of those
 * attributes, and switches only once the language's catalog is there (English loads on first
 * use): until then the element keeps its current language rather than mixing two.
 */
export class LangController implements ReactiveController {
  /** The resolved language, whose catalog is loaded. */
  lang: string = DEFAULT_LANG;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly fallback: () => string | undefined = () => undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    connected.add(this);
    // The document and every shadow root between it and the element: a MutationObserver on the
    // document does not see into shadow trees.
    for (let node: Node | null = this.host; node; node = up(node)) {
      if (node.nodeType === Node.DOCUMENT_FRAGMENT_NODE || node.nodeType === Node.DOCUMENT_NODE) watch(node);
    }
    this.refresh();
  }

  hostDisconnected(): void {
    connected.delete(this);
  }

  /** The language the attributes ask for, whether or not its catalog is loaded yet. */
  resolve(): string {
    for (let node: Node | null = this.host; node; node = up(node)) {
      const tag = node.nodeType === Node.ELEMENT_NODE ? (node as Element).getAttribute('lang') : null;
      if (tag) return supportedLang(tag) ?? DEFAULT_LANG;
    }
    return supportedLang(this.fallback()) ?? DEFAULT_LANG;
  }

  /**
   * On a server (no parents to walk, no observers): the host's own `lang`, else the fallback's;
   * its catalog must be loaded already (see server/src/ssr).
   */
  resolveOnServer(): void {
    const lang = supportedLang(this.host.getAttribute('lang')) ?? supportedLang(this.fallback()) ?? DEFAULT_LANG;
    if (isLangLoaded(lang)) this.lang = lang;
  }

  /** Resolves again; loads the catalog first when needed (a failed load keeps the current language). */
  refresh(): void {
    const lang = this.resolve();
    if (!isLangLoaded(lang)) {
      loadLang(lang).then(
        () => this.refresh(),
        () => {},
      );
      return;
    }
    if (lang === this.lang) return;
    this.lang = lang;
    this.host.requestUpdate();
  }
}
