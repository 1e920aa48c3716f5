// Work the map does while the page has nothing else to do (the marks of the next zooms, the
// search texts): loaded with the element, shared with its drawing.

export type IdleWork = (deadline: { timeRemaining(): number }) => void;

/** The browser's idle callback; WebKit has none, and is given a moment after the last change instead. */
export const whenIdle = (run: IdleWork): (() => void) => {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(run);
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(() => run({ timeRemaining: () => 50 }), 200);
  return () => clearTimeout(id);
};
