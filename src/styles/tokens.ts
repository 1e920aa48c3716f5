import { css } from 'lit';

/**
 * Design tokens shared by every widget. Defaults inherit the host page's font and text colour and
 * derive borders and muted text from it, so a widget looks at home on any site without setup.
 * Colours come in light/dark pairs through `light-dark()`, which follows the element's
 * `color-scheme`: `theme="auto"` (the default) sets none, so the widget inherits the host page's
 * declared `color-scheme` (light when the page declares none, so a light-only site never gets dark
 * blocks); `light` and `dark` force one; `system` follows the reader's operating system.
 */
export const tokens = css`
  :host {
    --_text: var(--ptce-color-text, light-dark(currentColor, #eceff1));
    --_surface: var(--ptce-color-surface, light-dark(transparent, #1b1f22));
    --_surface-raised: var(--ptce-color-surface-raised, color-mix(in srgb, currentColor 4%, transparent));
    --_border: var(--ptce-color-border, color-mix(in srgb, currentColor 22%, transparent));
    --_muted: var(--ptce-color-muted, color-mix(in srgb, currentColor 72%, transparent));
    --_accent: var(--ptce-color-accent, light-dark(#0b6b5d, #6fd3c1));
    --_on-accent: var(--ptce-color-on-accent, light-dark(#ffffff, #0b1f1b));
    --_danger: var(--ptce-color-danger, light-dark(#b3261e, #ffb4ab));
    --_focus: var(--ptce-color-focus, light-dark(#1a5fb4, #8ab4f8));
    /* Lines a reader needs to see a control or a mark (control and choice borders, chart rings,
       map borders): 3:1 at least against the surface (WCAG 1.4.11), where --_border is decoration.
       test/a11y/contrast.test.ts computes each pair in both schemes. */
    --_line: var(--ptce-color-line, color-mix(in srgb, currentColor 62%, transparent));
    /* The selected item: a tint behind it and a bar beside it, the bar at 3:1. */
    --_selected: var(--ptce-color-selected, light-dark(#0b6b5d, #6fd3c1));
    --_selected-tint: color-mix(in srgb, var(--_selected) 12%, transparent);
    /* The map: land, department borders (3:1 against the land and the map's background: they
       are the coast too), region borders. */
    --_map-land: var(--ptce-map-land, color-mix(in srgb, currentColor 7%, transparent));
    --_map-border: var(--ptce-map-border, color-mix(in srgb, currentColor 58%, transparent));
    --_map-region-border: var(--ptce-map-region-border, color-mix(in srgb, currentColor 85%, transparent));
    --_radius: var(--ptce-radius, 0.5rem);
    --_space: var(--ptce-space, 1rem);
    --_font: var(--ptce-font-family, inherit);

    display: block;
    box-sizing: border-box;
    color: var(--_text);
    background: var(--_surface);
    font-family: var(--_font);
    line-height: 1.45;
    container-type: inline-size;
  }

  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([theme='system']) {
    color-scheme: light dark;
  }

  :focus-visible,
  /* What code moves focus to (error summary, receipt, alerts: tabindex -1; the map panel's close
     button: .code-focus) is ringed whatever the last input: after a mouse click, browsers'
     focus-visible heuristics leave it unmarked (WebKit always, Chromium for buttons). */
  [tabindex='-1']:focus,
  .code-focus:focus {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }

  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--_radius);
    padding: 0.45em 1em;
    min-height: 2.75rem;
    border: 1px solid var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
  }

  /* Form controls and the secondary (outlined) button, alike in every widget. */
  select,
  textarea,
  input:is([type='text'], [type='search'], [type='email'], [type='tel'], [type='url'], [type='date']) {
    /* Browsers give some controls content-box: 100% wide would then overflow by their padding. */
    box-sizing: border-box;
    font: inherit;
    color: inherit;
    background: var(--_surface);
    border: 1px solid var(--_muted);
    border-radius: calc(var(--_radius) / 2);
    padding: 0.5em 0.55em;
    min-block-size: 2.75rem;
    inline-size: 100%;
  }
  button.secondary {
    background: transparent;
    color: var(--_accent);
  }

  /* Forced colours (Windows contrast themes): the system's colours for what the palette drew,
     so focus, selection and controls stay visible; each element adds its marks and selection. */
  @media (forced-colors: active) {
    :host {
      --_line: CanvasText;
      --_focus: Highlight;
      --_selected: Highlight;
      --_selected-tint: Canvas;
      --_accent: LinkText;
      --_map-border: CanvasText;
      --_map-region-border: CanvasText;
    }
    :focus-visible,
    [tabindex='-1']:focus,
    .code-focus:focus {
      outline-color: Highlight;
    }
    button {
      border-color: ButtonText;
    }
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;

/** The shared loading, empty and error blocks (see base/states.ts). */
export const stateStyles = css`
  .state {
    padding: var(--_space);
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_surface-raised);
  }
  .state p {
    margin: 0 0 0.5em;
  }
  .state-loading {
    display: flex;
    align-items: center;
    gap: 0.75em;
    color: var(--_muted);
  }
  .spinner {
    inline-size: 1.25em;
    block-size: 1.25em;
    border-radius: 50%;
    border: 3px solid var(--_border);
    border-top-color: var(--_accent);
    animation: spin 0.9s linear infinite;
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  .state-error {
    border-color: var(--_danger);
  }
  .state-error .title {
    font-weight: 700;
  }
  .state-error .detail {
    color: var(--_muted);
    font-size: 0.9em;
    overflow-wrap: anywhere;
  }
`;
