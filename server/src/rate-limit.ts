/** A fixed-window counter per client address: enough to stop a script flooding the POST routes. */
export class RateLimiter {
  readonly #windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  allow(client: string, now = Date.now()): boolean {
    const window = this.#windows.get(client);
    if (!window || now - window.start >= this.windowMs) {
      this.#windows.set(client, { start: now, count: 1 });
      if (this.#windows.size > 10_000) this.#forgetOld(now);
      return true;
    }
    window.count++;
    return window.count <= this.limit;
  }

  /** Over the limit already, without counting this look. */
  blocked(client: string, now = Date.now()): boolean {
    const window = this.#windows.get(client);
    return !!window && now - window.start < this.windowMs && window.count >= this.limit;
  }

  retryAfterSeconds(client: string, now = Date.now()): number {
    const window = this.#windows.get(client);
    return window ? Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000)) : 1;
  }

  #forgetOld(now: number): void {
    for (const [client, window] of this.#windows) if (now - window.start >= this.windowMs) this.#windows.delete(client);
  }
}
