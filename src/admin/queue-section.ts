import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { DataController } from '../base/data-controller.js';
import type { Result } from '../data/failure.js';
import { AdminElement } from './admin-element.js';
import type { AdminKey } from './i18n/index.js';

/**
 * A kind of item in the moderation queue: loaded from one admin route with the queue's status
 * filter, reloaded after each decision, with a polite line saying what the last decision did.
 */
export abstract class QueueSection<T> extends AdminElement {
  /** `pending`, or `''` for every status. */
  @property() status = 'pending';

  /** What the last decision did (or why it failed). */
  @state() protected said?: string;

  /** The route's path, without the status query. */
  protected abstract readonly path: string;

  protected readonly data = new DataController<T>(this, () => this.load());

  protected load(): Promise<Result<T>> {
    return this.api!.get<T>(`${this.path}${this.status ? `?status=${encodeURIComponent(this.status)}` : ''}`);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.api && (changed.has('api') || changed.has('status'))) void this.data.run();
  }

  /** A status in words (an unknown one as the server says it). */
  protected statusLabel(status: string): string {
    return ['pending', 'approved', 'rejected', 'merged'].includes(status) ? this.t(`status.${status}` as AdminKey) : status;
  }

  /**
   * An item's decision buttons: approve and reject (named for the item, enabled while it is
   * pending), any of the section's own, then erase (its personal data) unless already erased.
   */
  protected renderDecisions(item: {
    pending: boolean;
    label: (verb: 'approve' | 'reject') => string;
    decide: (verb: 'approve' | 'reject') => unknown;
    erase?: { label: string; run: () => unknown };
    more?: unknown;
  }): TemplateResult {
    return html`<div class="buttons">
      ${(['approve', 'reject'] as const).map(
        (verb) =>
          html`<button type="button" ?disabled=${!item.pending} aria-label=${item.label(verb)} @click=${() => item.decide(verb)}>
            ${this.t(`common.${verb}`)}
          </button>`,
      )}
      ${item.more ?? nothing} ${item.erase ? html`<button type="button" @click=${item.erase.run}>${item.erase.label}</button>` : nothing}
    </div>`;
  }

  /** Sends a decision, then says how it went (`done` from the answer) and reloads the list. */
  protected async decide<A>(
    path: string,
    body: unknown,
    done: (answer: A) => string,
    failed: (reason: string) => string,
  ): Promise<boolean> {
    const result = await this.api!.post<A>(path, body);
    // Said once the list is loaded again, so that what it says and what it shows agree.
    await this.data.run();
    this.said = result.ok ? done(result.value) : failed(this.failureText(result.failure));
    return result.ok;
  }
}
