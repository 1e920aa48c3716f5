import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DataIssue, Failure, Result } from '../../data/failure.js';
import { DraftStore } from '../draft-store.js';
import { fieldId, keyForSend, mergeIssues, type KeyedDraft } from './form-kit.js';

export type FormHost = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

export interface FormOptions<D extends KeyedDraft> {
  /** Prefix of the idempotency keys (`charter` → `charter-<uuid>`). */
  prefix: string;
  /** A new draft (with a new key). */
  empty: () => D;
  /** A saved draft made whole again (an older version may lack fields), or undefined to drop it. */
  revive?: (saved: unknown) => D | undefined;
  /** The form's field paths: a field left by focus is known by its id. */
  paths?: () => readonly string[];
  /** A field's name, as the error summary says it. */
  label?: (path: string) => string;
  /** What is wrong with a field, in the reader's language. */
  message?: (issue: DataIssue) => string;
  /** Where focus goes after a submit: the summary of errors, the failure's alert, the receipt (null: stays). */
  focus?: { summary?: string | null; failure?: string | null; receipt?: string | null };
  /** Keep the stored draft once sent (answers a respondent may send again). Default: cleared. */
  keepSent?: boolean;
}

export interface Sending<R> {
  /** What is POSTed; the same body sent again keeps the draft's idempotency key. */
  body: unknown;
  post: (body: unknown, key: string) => Promise<Result<unknown>>;
  /** The server's answer as a receipt, or undefined when it is not one (then `fallback`). */
  receipt: (value: unknown) => R | undefined;
  /** The receipt shown when the server's is unreadable, and to a bot that filled the honeypot. */
  fallback: () => R;
  /** The server's field refusals (a 400 with `errors`) on the form's paths; without it they are a failure like another. */
  fieldIssues?: (issues: DataIssue[]) => DataIssue[];
}

/**
 * A form's life: the draft (kept in the browser's storage, so a reload or a failed submit loses
 * nothing), what was touched, the idempotency key (the same body sent again keeps it: the server
 * stores it once), the honeypot, the server's refusals mapped to fields, the send failure, the
 * receipt, and where focus goes after each outcome. Its pieces of template are in form-view.ts,
 * so a form that draws its own (the référentiel's sending) does not carry them.
 */
export class FormController<D extends KeyedDraft, R> implements ReactiveController {
  draft: D;
  /** The draft came back from the browser's storage. */
  restored = false;
  touched = new Set<string>();
  submitted = false;
  sending = false;
  failure?: Failure;
  serverIssues: DataIssue[] = [];
  receipt?: R;
  /** The hidden field only bots fill. */
  honeypot = '';
  #store?: DraftStore<D>;
  #pressing = false;

  constructor(
    readonly host: FormHost,
    readonly options: FormOptions<D>,
  ) {
    this.draft = options.empty();
    host.addController(this);
  }

  // Nothing to do on connection: the form opens when its document is loaded (open()).
  hostConnected(): void {}

  /** Starts the form for a loaded document: the draft saved under `storageKey` (none: no storage), else `fresh`. */
  open(storageKey: string | undefined, fresh: () => D = this.options.empty): void {
    this.#store = storageKey ? new DraftStore(storageKey, this.options.revive) : undefined;
    const saved = this.#store?.load();
    this.draft = saved ?? fresh();
    this.restored = !!saved;
    this.host.requestUpdate();
  }

  /** Changes the draft and saves it; `touch` marks a field whose message may show now. */
  edit(patch: Partial<D>, touch?: string): void {
    this.draft = { ...this.draft, ...patch };
    if (touch) this.touched = new Set(this.touched).add(touch);
    this.#store?.save(this.draft);
    this.host.requestUpdate();
  }

  /** A field typed into: its server refusal goes (the person is fixing it). */
  input(path: string, patch: Partial<D>): void {
    this.serverIssues = this.serverIssues.filter((issue) => issue.path !== path);
    this.edit(patch);
  }

  /** The form's problems: the draft's own, then the server's for fields the draft finds fine. */
  issues(local: DataIssue[]): DataIssue[] {
    return mergeIssues(local, this.serverIssues);
  }

  /** A field's problem once it may show: after a submit, or once the field was left filled in. */
  visible(issues: DataIssue[], path: string): DataIssue | undefined {
    if (!this.submitted && !this.touched.has(path)) return undefined;
    return issues.find((issue) => issue.path === path);
  }

  invalid(issues: DataIssue[], path: string): 'true' | 'false' {
    return this.visible(issues, path) ? 'true' : 'false';
  }

  /** On the form: a pressed pointer defers the messages of the field it leaves (see onFocusOut). */
  readonly onPointerDown = (): void => {
    this.#pressing = true;
    addEventListener(
      'pointerup',
      () =>
        setTimeout(() => {
          this.#pressing = false;
          this.host.requestUpdate();
        }),
      { once: true, capture: true },
    );
  };

  /**
   * On the form: a field left filled in shows its message. An empty field passed through is not an
   * error until submit, and a field left by pressing the mouse elsewhere shows its message once the
   * button is released: the layout must not move between press and release (the click would be lost).
   */
  readonly onFocusOut = (event: FocusEvent): void => {
    const field = event.composedPath()[0] as HTMLInputElement;
    const path = this.options.paths?.().find((p) => fieldId(p) === field.id);
    if (!path || field.value === '' || this.touched.has(path)) return;
    this.touched.add(path);
    if (!this.#pressing) this.host.requestUpdate();
  };

  /** Moves focus, once rendered, to the first element `selector` finds. */
  async focus(selector: string | null | undefined): Promise<void> {
    if (!selector) return;
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /**
   * Submits: with problems, shows them all and focuses their summary; else sends. Resolves to the
   * server's receipt once stored (undefined otherwise: problems, failure, or a bot's fake receipt).
   */
  async submit(issues: DataIssue[], sending: Sending<R>): Promise<R | undefined> {
    if (this.sending) return undefined;
    this.submitted = true;
    this.failure = undefined;
    this.host.requestUpdate();
    if (issues.length) {
      await this.focus(this.options.focus?.summary === undefined ? '[part="error-summary"]' : this.options.focus.summary);
      return undefined;
    }
    return this.send(sending);
  }

  /** Sends the draft's body with its idempotency key; the draft stays whatever happens, until stored. */
  async send({ body, post, receipt, fallback, fieldIssues }: Sending<R>): Promise<R | undefined> {
    if (this.sending) return undefined;
    const focus = { summary: '[part="error-summary"]', failure: '.send-failure', receipt: '[part="receipt"]', ...this.options.focus };
    this.failure = undefined;
    // Same body as the last attempt: same key, so the server stores it once. Changed: a new key.
    this.edit(keyForSend(this.draft, JSON.stringify(body), this.options.prefix) as Partial<D>);
    if (this.honeypot) {
      this.#succeed(fallback());
      await this.focus(focus.receipt);
      return undefined;
    }
    this.sending = true;
    this.host.requestUpdate();
    const result = await post(body, this.draft.key);
    this.sending = false;
    this.host.requestUpdate();
    if (result.ok) {
      const stored = receipt(result.value) ?? fallback();
      this.#succeed(stored);
      await this.focus(focus.receipt);
      return stored;
    }
    const failure = result.failure;
    if (fieldIssues && failure.kind === 'http' && failure.status === 400 && failure.issues?.length) {
      this.serverIssues = fieldIssues(failure.issues);
      await this.focus(focus.summary);
      return undefined;
    }
    if (failure.kind !== 'aborted') this.failure = failure;
    await this.focus(focus.failure);
    return undefined;
  }

  #succeed(receipt: R): void {
    this.receipt = receipt;
    if (!this.options.keepSent) this.#store?.clear();
    this.host.requestUpdate();
  }

  /** A blank form again (after a receipt), without storing it until something is typed. */
  reset(fresh: D = this.options.empty()): void {
    this.receipt = undefined;
    this.submitted = false;
    this.touched = new Set();
    this.serverIssues = [];
    this.failure = undefined;
    this.restored = false;
    this.draft = fresh;
    this.host.requestUpdate();
  }
}
