import { css } from 'lit';

export const mapStyles = css`
  .layout {
    display: grid;
    gap: 0.75rem;
  }
  /* Each filter as wide as its longest choice: a row wraps rather than cut a label. */
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: 0.6rem;
    align-items: end;
  }
  .filters label {
    display: grid;
    gap: 0.2rem;
    flex: 1 1 auto;
    min-inline-size: 0;
    max-inline-size: 100%;
    font-size: 0.9em;
    font-weight: 600;
  }
  /* Wide enough for the whole placeholder. */
  .filters label:first-child {
    flex-basis: 21rem;
  }
  .filters select {
    inline-size: auto;
    min-inline-size: 100%;
    max-inline-size: 100%;
    font-weight: 400;
  }
  .filters button {
    flex: 0 1 auto;
  }
  .count {
    margin: 0;
    font-weight: 600;
  }
  .body {
    display: grid;
    gap: 0.75rem;
  }
  .body.split {
    grid-template-columns: minmax(0, 3fr) minmax(14rem, 2fr);
    align-items: start;
  }
  /* Server-rendered (no tabs): the list goes under the map when the element is narrow. */
  .layout.fluid {
    container-type: inline-size;
  }
  @container (max-width: 719px) {
    .body.split.fluid {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  .filters button:hover {
    background: color-mix(in srgb, var(--_accent) 14%, var(--_surface, transparent));
  }
  .skipped {
    margin: 0 0 0.5rem;
    font-size: 0.85em;
    color: var(--_muted);
  }
  .list ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.25rem;
    max-block-size: 32rem;
    overflow: auto;
  }
  .list li button,
  .list li a {
    all: unset;
    box-sizing: border-box;
    display: grid;
    inline-size: 100%;
    padding: 0.45rem 0.6rem;
    border-radius: calc(var(--_radius) / 2);
    cursor: pointer;
    border-inline-start: 4px solid transparent;
  }
  .list li a .name {
    color: var(--_accent);
    text-decoration: underline;
  }
  .list li button:hover,
  .list li a:hover {
    background: color-mix(in srgb, var(--_accent) 12%, transparent);
  }
  /* Selected: a bar at 3:1 beside a tint, and the name underlined, so it shows without colour and in forced colours. */
  .list li button[aria-current='true'] {
    background: var(--_selected-tint);
    border-inline-start-color: var(--_selected);
  }
  .list li button[aria-current='true'] .name {
    text-decoration: underline;
    text-underline-offset: 0.2em;
  }
  .list li button:focus-visible,
  .list li a:focus-visible {
    outline: 3px solid var(--_focus);
  }
  .list .name {
    font-weight: 600;
  }
  .list .where {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .panel {
    border: 1px solid var(--_accent);
    border-radius: var(--_radius);
    padding: 0.5rem;
    display: grid;
    gap: 0.5rem;
  }
  .panel .close {
    justify-self: end;
  }
  [role='tablist'] {
    display: flex;
    gap: 0.25rem;
  }
  [role='tab'] {
    background: transparent;
    color: inherit;
    border-color: var(--_line);
  }
  [role='tab'][aria-selected='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  /* Forced colours: the selected pole in Highlight. */
  @media (forced-colors: active) {
    .list li button[aria-current='true'] {
      border-inline-start-color: Highlight;
    }
  }
`;
