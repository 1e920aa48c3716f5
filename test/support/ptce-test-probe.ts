import { html, type PropertyValues } from 'lit';
import { PtceElement } from '../../src/base/ptce-element.js';
import { DataController } from '../../src/base/data-controller.js';
import { define } from '../../src/base/define.js';
import type { LoadedList } from '../../src/data/client.js';
import { loadPoles } from '../../src/data/poles.js';
import type { PoleCollection } from '../../src/data/schemas/pole.js';

/**
 * The smallest data widget: lists pole names through the base element's machinery. Tests and
 * stories use it to exercise the foundation before any real widget exists.
 */
export class PtceTestProbe extends PtceElement {
  readonly data = new DataController<LoadedList<PoleCollection>>(
    this,
    (signal) => this.withClient((client) => loadPoles(client, signal)),
    (list) => this.reportSkipped(list),
  );

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.clientChanged()) void this.data.run();
  }

  protected override render() {
    return html`<p class="lang">${this.resolvedLang}</p>
      ${this.renderData(
        this.data,
        (list) =>
          html`<ul>
            ${list.value.poles.map((pole) => html`<li>${pole.name}</li>`)}
          </ul>`,
        (list) => list.value.poles.length === 0,
      )}`;
  }
}

define('ptce-test-probe', PtceTestProbe);

declare global {
  interface HTMLElementTagNameMap {
    'ptce-test-probe': PtceTestProbe;
  }
}
