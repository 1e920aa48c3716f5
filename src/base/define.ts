/** A custom element class that says which version of ptce-widgets it comes from. */
export type VersionedElement = CustomElementConstructor & { version?: string };

/**
 * Registers `tag` unless it already is. Two copies of the library on one page (a CMS plugin and a
 * hand-pasted script, say) must not break the page: the first registration stays and we warn,
 * naming both versions.
 */
export function define(tag: string, element: VersionedElement): void {
  const existing = customElements.get(tag) as VersionedElement | undefined;
  if (!existing) {
    customElements.define(tag, element);
    return;
  }
  if (existing === element) return;
  console.warn(
    `ptce-widgets: <${tag}> is already defined by ptce-widgets ${existing.version ?? '(unknown version)'}; ` +
      `this copy (${element.version ?? 'unknown version'}) is not registered, the page keeps the first one.`,
  );
}
