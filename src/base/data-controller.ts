import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Failure, Result } from '../data/failure.js';

export type LoadState<T> =
  { status: 'idle' } | { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; failure: Failure };

/**
 * Runs a widget's data load: one at a time, aborted when the element leaves the page, and only the
 * latest load may set the state (an older, slower answer is dropped).
 */
export class DataController<T> implements ReactiveController {
  state: LoadState<T> = { status: 'idle' };
  #generation = 0;
  #abort?: AbortController;
  #interrupted = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly load: (signal: AbortSignal) => Promise<Result<T>>,
    private readonly onReady?: (value: T) => void,
  ) {
    host.addController(this);
  }

  /**
   * Ready at once with a value loaded elsewhere (a server rendering the element was given it):
   * no load, no loading state.
   */
  settle(value: T): void {
    this.#generation++;
    this.state = { status: 'ready', value };
  }

  async run(): Promise<void> {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    const generation = ++this.#generation;
    this.state = { status: 'loading' };
    this.host.requestUpdate();
    const result = await this.load(abort.signal);
    if (generation !== this.#generation) return;
    if (!result.ok && result.failure.kind === 'aborted') return;
    this.state = result.ok ? { status: 'ready', value: result.value } : { status: 'error', failure: result.failure };
    if (result.ok) this.onReady?.(result.value);
    this.host.requestUpdate();
  }

  hostConnected(): void {
    if (this.#interrupted) {
      this.#interrupted = false;
      void this.run();
    }
  }

  hostDisconnected(): void {
    if (this.state.status === 'loading') this.#interrupted = true;
    this.#generation++;
    this.#abort?.abort();
  }
}
