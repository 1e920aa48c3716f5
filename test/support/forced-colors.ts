import { executeServerCommand } from '@web/test-runner-commands';

/**
 * Turns forced colours (a Windows contrast theme) on for the page: emulated by the engine where
 * it can (Chromium); elsewhere the `@media (forced-colors: active)` rules of the given shadow
 * roots are applied as they would be when the media matches, so the same computed-style checks
 * run in every engine. Returns a function that turns them off again.
 */
export async function forceColours(...roots: ShadowRoot[]): Promise<{ emulated: boolean; off: () => Promise<void> }> {
  const emulated = await executeServerCommand<boolean, { active: boolean }>('forced-colors', { active: true });
  if (emulated) return { emulated, off: async () => void (await executeServerCommand('forced-colors', { active: false })) };
  const added = roots.map((root) => {
    const text = root.adoptedStyleSheets
      .flatMap((sheet) => [...sheet.cssRules])
      .filter(
        (rule): rule is CSSMediaRule =>
          rule instanceof CSSMediaRule && /forced-colors:\s*active/.test(rule.conditionText ?? rule.media.mediaText),
      )
      .flatMap((rule) => [...rule.cssRules].map((inner) => inner.cssText))
      .join('\n');
    if (!text) throw new Error('no forced-colours rules in this shadow root');
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return [root, sheet] as const;
  });
  return {
    emulated,
    off: async () => {
      for (const [root, sheet] of added) root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet);
    },
  };
}
