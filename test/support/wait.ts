/**
 * Waits until `predicate` returns something truthy, polling every few milliseconds, and returns
 * that value. Its only limit is just under the test's own timeout (120 s), so a slow or loaded
 * machine makes a test slower, never red; when it does give up, it says what it waited for.
 * (open-wc's `waitUntil` gives up after 1 s.)
 */
export async function until<T>(predicate: () => T | Promise<T>, what = 'a condition'): Promise<NonNullable<T>> {
  const giveUpAt = Date.now() + 100_000;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await predicate();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      // Not there yet (an element still missing): keep waiting.
      lastError = error;
    }
    if (Date.now() > giveUpAt) throw new Error(`gave up waiting for ${what}${lastError ? ` (last error: ${lastError})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
