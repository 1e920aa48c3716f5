/**
 * Waits until `predicate` returns something truthy, polling every few milliseconds, and returns
 * that value. It has no deadline of its own: only the test's timeout ends the wait, so a slow or
 * loaded machine makes a test slower, never red. (open-wc's `waitUntil` gives up after 1 s.)
 */
export async function until<T>(predicate: () => T | Promise<T>, _what?: string): Promise<NonNullable<T>> {
  for (;;) {
    try {
      const value = await predicate();
      if (value) return value as NonNullable<T>;
    } catch {
      // Not there yet (an element still missing): keep waiting.
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
