// The configurator's bundle (dist/configurator/ptce-configurator.js, the server's /configurer.js):
// not part of the embed bundle, which a site loads for the widgets alone.
import { PtceConfigurator } from './ptce-configurator.js';

if (!customElements.get('ptce-configurator')) customElements.define('ptce-configurator', PtceConfigurator);

declare global {
  interface HTMLElementTagNameMap {
    'ptce-configurator': PtceConfigurator;
  }
}
