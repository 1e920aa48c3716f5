/**
 * Real user input for tests, through the browser's own input pipeline (@web/test-runner-commands),
 * written so the same test passes in Chromium and Firefox (puppeteer) and WebKit (WebDriver):
 * - pointer actions aim at the element's centre on screen, after scrolling it into view;
 * - WebKit's driver drops keys typed in one call ("Anne" → "Ane", every space after the first):
 *   there, text is typed one key a call; elsewhere in runs that never repeat a key;
 * - Firefox's BiDi keyboard has no key named "Space": it is pressed as " ".
 */
import { executeServerCommand, sendKeys, sendMouse, resetMouse } from '@web/test-runner-commands';

/**
 * The element's centre in the top page's viewport coordinates, scrolled into view first; an
 * element inside an iframe (the bundle tests) is offset by its frame's place.
 */
export function centreOf(element: Element, offset: { x?: number; y?: number } = {}): [number, number] {
  if (
    element.checkVisibility &&
    !element.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true } as CheckVisibilityOptions)
  ) {
    throw new Error(`${describe(element)} is not visible: a person could not reach it`);
  }
  const view = element.ownerDocument.defaultView!;
  let box = element.getBoundingClientRect();
  if (box.top < 0 || box.left < 0 || box.bottom > view.innerHeight || box.right > view.innerWidth) {
    element.scrollIntoView({ block: 'center', inline: 'center' });
    box = element.getBoundingClientRect();
  }
  if (box.width === 0 && box.height === 0) throw new Error(`cannot aim at an element with no box: ${describe(element)}`);
  let x = box.left + box.width / 2 + (offset.x ?? 0);
  let y = box.top + box.height / 2 + (offset.y ?? 0);
  for (let frame = element.ownerDocument.defaultView?.frameElement; frame; frame = frame.ownerDocument.defaultView?.frameElement) {
    frame.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    const frameBox = frame.getBoundingClientRect();
    x += frameBox.left + frame.clientLeft;
    y += frameBox.top + frame.clientTop;
  }
  return [Math.round(x), Math.round(y)];
}

/**
 * The element's centre once it stays put: after focus moves, WebKit scrolls the focused field into
 * view a moment later, which moved the page under a click aimed at the old place.
 */
export async function settledCentreOf(element: Element, offset?: { x?: number; y?: number }): Promise<[number, number]> {
  let position = centreOf(element, offset);
  for (let i = 0; i < 50; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const again = centreOf(element, offset);
    if (again[0] === position[0] && again[1] === position[1]) return again;
    position = again;
  }
  return position;
}

/**
 * Clicks the element with the mouse, where a person would: at its centre on screen. If the press
 * did not land on the element because the page moved under the pointer (a late scroll on a
 * loaded machine), it aims again, as a person would; where the click event goes after a press
 * on the element is left to the browser and the code under test.
 */
export async function click(element: Element, offset?: { x?: number; y?: number }): Promise<void> {
  const doc = element.ownerDocument;
  for (let attempt = 1; ; attempt++) {
    const position = await settledCentreOf(element, offset);
    const box = element.getBoundingClientRect();
    const hit = deepElementFromPoint(doc, box.left + box.width / 2 + (offset?.x ?? 0), box.top + box.height / 2 + (offset?.y ?? 0));
    if (hit && hit !== element && !composedContains(element, hit)) {
      // Once, in a full Firefox run, a list button was found under <html> (the same test passes
      // alone): look again a moment later; covered three times running is covered.
      if (attempt === 3) throw new Error(`${describe(element)} is covered by ${describe(hit)} at ${position}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      continue;
    }
    let pressed: EventTarget | undefined;
    const onPress = (event: Event) => (pressed = event.composedPath()[0]);
    doc.addEventListener('mousedown', onPress, { capture: true, once: true });
    await sendMouse({ type: 'click', position });
    for (let i = 0; i < 100 && !pressed; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    doc.removeEventListener('mousedown', onPress, { capture: true });
    // Not `instanceof Node`: in an iframe, nodes belong to the frame's realm.
    const node = pressed as Node | undefined;
    if (node?.nodeType && composedContains(element, node)) return;
    if (attempt === 3)
      throw new Error(
        `the mouse never pressed ${describe(element)}: it pressed ${node?.nodeType === 1 ? describe(node as Element) : 'nothing'}`,
      );
  }
}

/** Presses and moves the mouse from the element's centre by (dx, dy) in a few steps, then releases. */
export async function drag(element: Element, dx: number, dy: number, steps = 4): Promise<void> {
  const [x, y] = centreOf(element);
  await sendMouse({ type: 'move', position: [x, y] });
  await sendMouse({ type: 'down' });
  for (let i = 1; i <= steps; i++) {
    await sendMouse({ type: 'move', position: [Math.round(x + (dx * i) / steps), Math.round(y + (dy * i) / steps)] });
  }
  await sendMouse({ type: 'up' });
}

/** Moves the mouse over the element. */
export async function hover(element: Element): Promise<void> {
  await sendMouse({ type: 'move', position: centreOf(element) });
}

export { resetMouse };

/** Presses one key by its name ("Enter", "Tab", "ArrowDown", "Space", "Escape", or a character). */
export async function press(key: string): Promise<void> {
  await sendKeys({ press: key === 'Space' ? ' ' : key });
}

/** WebKit's driver loses keys within one call (repeats, spaces after the first): one key a call. */
const oneKeyPerCall = /AppleWebKit/.test(navigator.userAgent) && !/Chrome|Firefox/.test(navigator.userAgent);

/** Types text into the focused field, as a person on a keyboard would. */
export async function type(text: string): Promise<void> {
  if (oneKeyPerCall) {
    for (const char of text) await sendKeys({ type: char });
    return;
  }
  let run = '';
  for (const char of text) {
    if (run.endsWith(char)) {
      await sendKeys({ type: run });
      run = '';
    }
    run += char;
  }
  if (run) await sendKeys({ type: run });
}

/** Clicks into a text field and types; the field's old value is replaced. */
export async function fill(field: HTMLInputElement | HTMLTextAreaElement, text: string): Promise<void> {
  await click(field);
  // A person selects what is there and types over it.
  field.select();
  if (field.value) await press('Backspace');
  await type(text);
}

/**
 * Chooses an option of a <select> with the keyboard, as a person can without opening the list:
 * focus, then arrow keys until the value is reached. Opening native pop-ups is left out on purpose:
 * each engine draws them outside the page.
 */
export async function choose(select: HTMLSelectElement, value: string): Promise<void> {
  const target = [...select.options].findIndex((option) => option.value === value);
  if (target < 0) throw new Error(`no option "${value}" in ${describe(select)}`);
  select.focus();
  while (select.selectedIndex !== target) {
    await press(select.selectedIndex < target ? 'ArrowDown' : 'ArrowUp');
  }
}

/** Presses Tab until `predicate` holds for the focused element (deep), at most `limit` times. */
export async function tabUntil(predicate: (focused: Element | null) => boolean, limit = 80): Promise<Element | null> {
  for (let i = 0; i < limit; i++) {
    if (predicate(deepActiveElement())) return deepActiveElement();
    await press('Tab');
  }
  if (predicate(deepActiveElement())) return deepActiveElement();
  throw new Error(`focus never reached the expected element; it is on ${describe(deepActiveElement())}`);
}

/** The focused element, looking inside shadow roots. */
export function deepActiveElement(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

function deepElementFromPoint(doc: Document, x: number, y: number): Element | null {
  let hit: Element | null = doc.elementFromPoint(x, y);
  while (hit?.shadowRoot) {
    const inner = hit.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === hit) break;
    hit = inner;
  }
  return hit;
}

function composedContains(ancestor: Element, node: Node): boolean {
  for (let current: Node | null = node; current;) {
    if (current === ancestor) return true;
    current = current.parentNode ?? ((current as ShadowRoot).host || null);
  }
  return false;
}

function describe(element: Element | null): string {
  if (!element) return 'nothing';
  const id = element.id ? `#${element.id}` : '';
  const part = element.getAttribute('part') ? `[part="${element.getAttribute('part')}"]` : '';
  return `<${element.localName}${id}${part}>`;
}

/** Turns the mouse wheel over the element's centre (negative deltaY: away from the user). */
export async function wheel(element: Element, deltaY: number): Promise<void> {
  await executeServerCommand('wheel', { position: centreOf(element), deltaY });
}
