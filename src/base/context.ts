import type { PtceClient } from '../data/client.js';

/** What `<ptce-provider>` shares with the widgets inside it. */
export interface ProviderValue {
  client?: PtceClient;
  lang?: string;
}

// The Web Components Community Group's context protocol, which @lit/context and other libraries
// speak too: an element asks with a bubbling, composed `context-request` event; the closest
// provider of that context stops it and answers through `callback`, and again on every change when
// the request subscribes. A provider that appears late says so with a `context-provider` event.
// Our own few lines rather than @lit/context: each element file carries them.

/** The context's key: a global symbol, so that copies of this library on one page share it. */
export const providerContext = Symbol.for('ptce-widgets/provider');

export type ContextCallback = (value: ProviderValue, unsubscribe?: () => void) => void;

interface ContextEvent extends Event {
  context: unknown;
  /** The requesting (or announcing) element; older emitters leave it out. */
  contextTarget?: Element;
  callback: ContextCallback;
  subscribe?: boolean;
}

const contextEvent = (type: string, target: Element, fields?: object) =>
  Object.assign(new Event(type, { bubbles: true, composed: true }), { context: providerContext, contextTarget: target, ...fields });

const origin = (event: Event) => (event as ContextEvent).contextTarget ?? (event.composedPath()[0] as Element);

/** Asks, from `target`, for the closest provider's value and its changes. */
export function requestContext(target: Element, callback: ContextCallback): void {
  target.dispatchEvent(contextEvent('context-request', target, { callback, subscribe: true }));
}

/** Tells the elements around that `host` now provides the context (it was upgraded late). */
export function announceProvider(host: Element): void {
  host.dispatchEvent(contextEvent('context-provider', host));
}

/**
 * Makes `host` answer the requests from the elements below it with `value()`. Returns the function
 * to call when the value changed: it sends it to every subscriber again.
 */
export function provideContext(host: Element, value: () => ProviderValue): () => void {
  // Each subscriber keeps one unsubscribe function: a different one tells it the provider changed.
  const subscribers = new Map<ContextCallback, { unsubscribe: () => void; target: Element }>();
  // An element that is both provider and consumer must not answer itself.
  const ours = (event: Event) => (event as ContextEvent).context === providerContext && origin(event) !== host;
  host.addEventListener('context-request', (event) => {
    if (!ours(event)) return;
    event.stopPropagation();
    const { callback, subscribe } = event as ContextEvent;
    if (!subscribe) return callback(value());
    if (!subscribers.has(callback)) subscribers.set(callback, { unsubscribe: () => subscribers.delete(callback), target: origin(event) });
    callback(value(), subscribers.get(callback)!.unsubscribe);
  });
  // A provider upgraded below this one: our subscribers ask again, so those under it move to it.
  host.addEventListener('context-provider', (event) => {
    if (!ours(event)) return;
    event.stopPropagation();
    for (const [callback, { target }] of [...subscribers]) requestContext(target, callback);
  });
  return () => {
    for (const [callback, { unsubscribe }] of subscribers) callback(value(), unsubscribe);
  };
}
