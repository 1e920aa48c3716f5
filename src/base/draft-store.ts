/**
 * A draft kept in the browser (localStorage) so a reload or a crash loses nothing. Keys say
 * what the draft belongs to (endpoint, document and version). Storage may be full or forbidden
 * (private browsing): then the widget works without drafts.
 */
export class DraftStore<T> {
  constructor(
    private readonly storageKey: string,
    private readonly revive: (saved: unknown) => T | undefined = (saved) => saved as T,
  ) {}

  load(): T | undefined {
    try {
      const raw = localStorage.getItem(this.storageKey);
      return raw ? this.revive(JSON.parse(raw)) : undefined;
    } catch {
      return undefined;
    }
  }

  save(draft: T): void {
    try {
      localStorage.setItem(this.storageKey, JSON.stringify(draft));
    } catch {
      // Full or forbidden: nothing to do, the page keeps working.
    }
  }

  clear(): void {
    try {
      localStorage.removeItem(this.storageKey);
    } catch {
      // See save().
    }
  }
}
