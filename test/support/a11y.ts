/**
 * What assistive technology reads, computed the same way in every engine (Firefox has no
 * `computedName`, Chromium only behind a flag): a small accessible-name computation after the
 * W3C "accname" rules the widgets rely on (aria-labelledby, aria-label, labels and legends, alt,
 * then content, with block boxes read as separate words), the role (explicit or the tag's), and
 * the tree of focusable elements across shadow roots. Tests use it to say "every Tab stop has a
 * name", "the name reads like a sentence", "the role matches what is shown".
 */

const IMPLICIT_ROLES: Record<string, string> = {
  button: 'button',
  h1: 'heading',
  h2: 'heading',
  h3: 'heading',
  h4: 'heading',
  h5: 'heading',
  h6: 'heading',
  select: 'combobox',
  textarea: 'textbox',
  ul: 'list',
  ol: 'list',
  li: 'listitem',
  nav: 'navigation',
  article: 'article',
  fieldset: 'group',
  table: 'table',
  summary: 'button',
};

/** Roles whose name comes from their content when nothing else names them. */
const NAME_FROM_CONTENT = new Set([
  'button',
  'link',
  'heading',
  'tab',
  'option',
  'cell',
  'columnheader',
  'rowheader',
  'switch',
  'checkbox',
  'radio',
  'menuitem',
  'treeitem',
  'tooltip',
  'listitem',
  'row',
]);

export function roleOf(element: Element): string {
  const explicit = element.getAttribute('role')?.trim().split(/\s+/)[0];
  if (explicit) return explicit;
  const tag = element.localName;
  if (tag === 'a') return element.hasAttribute('href') ? 'link' : 'generic';
  if (tag === 'input') {
    const type = (element as HTMLInputElement).type;
    return (
      (
        {
          checkbox: 'checkbox',
          radio: 'radio',
          button: 'button',
          submit: 'button',
          search: 'searchbox',
          range: 'slider',
          number: 'spinbutton',
        } as Record<string, string>
      )[type] ?? 'textbox'
    );
  }
  if (tag === 'section') return element.hasAttribute('aria-label') || element.hasAttribute('aria-labelledby') ? 'region' : 'generic';
  return IMPLICIT_ROLES[tag] ?? 'generic';
}

const rootOf = (element: Element) => element.getRootNode() as Document | ShadowRoot;

function hidden(element: Element): boolean {
  if (element.getAttribute('aria-hidden') === 'true') return true;
  const style = getComputedStyle(element);
  return style.display === 'none' || style.visibility === 'hidden';
}

/** The text of a subtree as it is read: block boxes are separate words, inline ones run on. */
function fromContent(node: Node, visited: Set<Node>): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (node.nodeType !== Node.ELEMENT_NODE) return '';
  const element = node as Element;
  if (hidden(element)) return '';
  if (visited.has(element)) return '';
  visited.add(element);
  const own = element.getAttribute('aria-label')?.trim();
  let text: string;
  if (own) text = own;
  else if (element.localName === 'img') text = element.getAttribute('alt') ?? '';
  else if (element.localName === 'slot')
    text = (element as HTMLSlotElement)
      .assignedNodes({ flatten: true })
      .map((n) => fromContent(n, visited))
      .join('');
  else {
    const children = element.shadowRoot ? element.shadowRoot.childNodes : element.childNodes;
    text = [...children].map((child) => fromContent(child, visited)).join('');
  }
  const display = getComputedStyle(element).display;
  return display === 'inline' || display === 'contents' ? text : ` ${text} `;
}

const tidy = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The accessible name of an element, as a screen reader announces it. */
export function accessibleName(element: Element): string {
  return nameOf(element) || tidy(element.getAttribute('title') ?? '');
}

/** The name from every source but the title (the last resort, which then is no description). */
function nameOf(element: Element): string {
  const root = rootOf(element);
  const labelledby = element.getAttribute('aria-labelledby')?.trim();
  if (labelledby) {
    const parts = labelledby.split(/\s+/).map((id) => (root as ShadowRoot).querySelector?.(`#${CSS.escape(id)}`));
    const text = tidy(parts.map((part) => (part ? fromContent(part, new Set()) : '')).join(' '));
    if (text) return text;
  }
  const label = element.getAttribute('aria-label')?.trim();
  if (label) return tidy(label);
  const tag = element.localName;
  if (tag === 'input' || tag === 'select' || tag === 'textarea') {
    const labels = [...((element as HTMLInputElement).labels ?? [])];
    const text = tidy(labels.map((l) => fromContent(l, new Set([element]))).join(' '));
    return text || tidy(element.getAttribute('placeholder') ?? '');
  }
  if (tag === 'fieldset') {
    const legend = element.querySelector(':scope > legend');
    if (legend) return tidy(fromContent(legend, new Set()));
  }
  if (tag === 'img') return tidy(element.getAttribute('alt') ?? '');
  if (NAME_FROM_CONTENT.has(roleOf(element))) return tidy(fromContent(element, new Set()));
  return '';
}

/** The accessible description: aria-describedby, else the title when something else gave the name. */
export function accessibleDescription(element: Element): string {
  const root = rootOf(element);
  const ids = element.getAttribute('aria-describedby')?.trim();
  if (ids) {
    const parts = ids.split(/\s+/).map((id) => (root as ShadowRoot).querySelector?.(`#${CSS.escape(id)}`));
    return tidy(parts.map((part) => (part ? fromContent(part, new Set()) : '')).join(' '));
  }
  return nameOf(element) ? tidy(element.getAttribute('title') ?? '') : '';
}

/**
 * Presses Tab from the focused element until `until` holds, and returns every element focus
 * stopped on (deep, across shadow roots) on the way.
 */
export async function tabStops(
  press: (key: string) => Promise<void>,
  active: () => Element | null,
  done: (el: Element | null) => boolean,
  limit = 60,
): Promise<Element[]> {
  const stops: Element[] = [];
  for (let i = 0; i < limit; i++) {
    await press('Tab');
    const focused = active();
    if (done(focused)) return stops;
    if (focused) stops.push(focused);
  }
  throw new Error(`focus never left after ${limit} Tab presses`);
}

/** Every element below `root` (shadow roots included) matching `selector`. */
export function deepQueryAll(root: ParentNode, selector: string): Element[] {
  const found: Element[] = [];
  const walk = (node: ParentNode) => {
    for (const element of node.querySelectorAll('*')) {
      if (element.matches(selector)) found.push(element);
      if (element.shadowRoot) walk(element.shadowRoot);
    }
  };
  if (root instanceof Element && root.shadowRoot) walk(root.shadowRoot);
  walk(root);
  return found;
}
