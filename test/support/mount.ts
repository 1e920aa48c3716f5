import { render, type TemplateResult } from 'lit';

const mounted: HTMLElement[] = [];

/**
 * Renders a template into the page and waits for every Lit element in it to update. Unlike
 * open-wc's `fixture`, it never waits for an animation frame: test files run in parallel tabs and
 * a hidden tab gets no frames.
 */
export async function mount<T extends Element = HTMLElement>(template: TemplateResult): Promise<T> {
  const container = document.createElement('div');
  document.body.append(container);
  mounted.push(container);
  render(template, container);
  await settle(container);
  return container.firstElementChild as T;
}

/** Waits for pending Lit updates below `root`, and one task for observers and events. */
export async function settle(root: ParentNode = document.body): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  const pending = [...root.querySelectorAll('*')]
    .map((el) => (el as Partial<{ updateComplete: Promise<unknown> }>).updateComplete)
    .filter(Boolean);
  await Promise.all(pending);
}

afterEach(() => {
  for (const container of mounted.splice(0)) container.remove();
});
