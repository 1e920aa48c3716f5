import { fixture, html } from '@open-wc/testing';
import { deepQueryAll } from './a11y.js';
import { click, fill } from './input.js';
import { until } from './wait.js';

/** The first element below `root`, shadow roots included, that `selector` matches (the admin page is Lit elements). */
export function find<T extends Element = HTMLElement>(root: ParentNode, selector: string): T | null {
  return (deepQueryAll(root, selector)[0] as T | undefined) ?? null;
}

/** An element of one admin element's own shadow root (`host`: its tag), once there. */
export function inside<T extends Element = HTMLElement>(root: ParentNode, host: string, selector: string): T | null {
  const shadow = find(root, host)?.shadowRoot;
  return shadow ? find<T>(shadow, selector) : null;
}

/** Waits for an element of the admin page, shadow roots included, that is shown. */
export function shown<T extends Element = HTMLElement>(doc: Document, selector: string, what = selector): Promise<T> {
  return until(() => {
    const element = find<T>(doc, selector);
    return element && (element.checkVisibility?.() ?? true) ? element : undefined;
  }, what);
}

/** The page's visible text, shadow roots included (the admin sections are elements of their own). */
export function pageText(doc: Document): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    const element = node as Element;
    if (element.shadowRoot) walk(element.shadowRoot);
    node.childNodes.forEach(walk);
  };
  walk(doc.body);
  return parts.join(' ').replace(/\s+/g, ' ');
}

/** The real server's admin page in a frame, logged out (a fresh tab: no session stored). */
export async function adminPage(size = 'width:780px;height:560px'): Promise<{ frame: HTMLIFrameElement; doc: Document }> {
  // The admin page keeps its session for the tab: an earlier test's would log this one in.
  sessionStorage.removeItem('ptce-admin-token');
  const frame = await fixture<HTMLIFrameElement>(html`<iframe src="/real/admin.html" title="admin" style="${size};border:0"></iframe>`);
  const doc = await until(() => {
    const loaded = frame.contentDocument;
    return loaded?.readyState === 'complete' && find(loaded, '#mode-token') ? loaded : undefined;
  }, 'admin page');
  frame.scrollIntoView({ block: 'start' });
  return { frame, doc };
}

/** Logs the open admin page in with the admin token, typed as a person would. */
export async function logInWithToken(doc: Document, token: string): Promise<void> {
  await click(await shown(doc, '#mode-token', 'the token choice'));
  await fill(await shown<HTMLInputElement>(doc, '#f-token', 'the token field'), token);
  await click(find(doc, 'button[part="submit"]')!);
}

/**
 * The real server's admin page in a frame, logged in with `token` as a moderator would: typed and
 * sent with real input; resolves once the moderation queue shows. Returns the frame and its document.
 */
export async function loggedInAdminPage(
  token: string,
  size = 'width:780px;height:560px',
): Promise<{ frame: HTMLIFrameElement; doc: Document }> {
  const { frame, doc } = await adminPage(size);
  await logInWithToken(doc, token);
  await shown(doc, 'ptce-admin-queue', 'the moderation queue');
  return { frame, doc };
}

/** axe run inside the admin page's own frame (its document and styles), answering the violations. */
export async function axeViolations(frame: HTMLIFrameElement): Promise<{ id: string; help: string; nodes: unknown[] }[]> {
  const win = frame.contentWindow as Window & {
    axe?: { run: (context: Document) => Promise<{ violations: { id: string; help: string; nodes: unknown[] }[] }> };
  };
  if (!win.axe) {
    const script = win.document.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    const loaded = new Promise((resolve, reject) => {
      script.onload = resolve;
      script.onerror = reject;
    });
    win.document.head.append(script);
    await loaded;
  }
  return (await win.axe!.run(win.document)).violations;
}
