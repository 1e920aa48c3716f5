import { css } from 'lit';

export const referentielStyles = css`
  :is(h1, h2, h3, h4, h5, h6) {
    line-height: 1.25;
    margin: 0 0 0.5rem;
  }
  .notice {
    border-inline-start: 4px solid var(--_accent);
    background: var(--_surface-raised);
    padding: 0.6rem 0.8rem;
    border-radius: calc(var(--_radius) / 2);
  }
  .muted {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.6rem 1rem;
    align-items: end;
    margin-block: 0.75rem;
  }
  label.inline {
    display: grid;
    gap: 0.2rem;
    font-weight: 600;
  }
  textarea {
    min-block-size: 4rem;
  }
  fieldset.toolbar {
    /* A fieldset is as wide as its widest content by default: let it shrink to narrow screens. */
    min-inline-size: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .toolbar label.inline {
    flex: 1 1 14rem;
    min-inline-size: 0;
  }
  section.general {
    margin-block: 1.25rem;
  }
  section.principal {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    margin-block: 0.75rem;
  }
  ol.questions {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.75rem;
  }
  .qid {
    font-variant-numeric: tabular-nums;
    color: var(--_muted);
    margin-inline-end: 0.15rem;
  }
  .scale {
    margin-block: 0.75rem;
  }
  .scale .label {
    margin: 0 0 0.25rem;
    font-weight: 600;
  }
  .scale dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.2rem 0.75rem;
    margin: 0;
  }
  .scale dt {
    font-weight: 600;
  }
  .scale dd {
    margin: 0;
  }
  .tags {
    display: inline-flex;
    flex-wrap: wrap;
    gap: 0.3rem;
    list-style: none;
    padding: 0;
    margin: 0.25rem 0 0;
  }
  .tags li {
    font-size: 0.8em;
    border: 1px solid var(--_border);
    border-radius: 999px;
    padding: 0 0.5rem;
  }
  fieldset.question {
    border: 0;
    border-block-start: 1px solid var(--_border);
    padding: 0.6rem 0 0;
    margin: 0;
    min-inline-size: 0;
  }
  fieldset.question legend {
    padding: 0;
    font-weight: 600;
  }
  .levels {
    display: grid;
    gap: 0.35rem;
    margin-block: 0.5rem;
  }
  @container (min-width: 640px) {
    .levels {
      grid-template-columns: repeat(auto-fit, minmax(7.5rem, 1fr));
    }
  }
  .level {
    display: flex;
    gap: 0.4rem;
    align-items: center;
    border: 1px solid var(--_line);
    border-radius: calc(var(--_radius) / 2);
    padding: 0.35rem 0.5rem;
    min-block-size: 2.75rem;
    cursor: pointer;
  }
  .level:has(input:checked) {
    border-color: var(--_accent);
    background: color-mix(in srgb, var(--_accent) 12%, transparent);
    font-weight: 600;
  }
  .level input {
    inline-size: 1.1rem;
    block-size: 1.1rem;
    margin: 0;
  }
  details summary {
    cursor: pointer;
    font-size: 0.9em;
    color: var(--_accent);
  }
  .progress {
    position: sticky;
    inset-block-start: 0;
    background: var(--_surface, Canvas);
    padding-block: 0.4rem;
    z-index: 1;
  }
  progress {
    inline-size: 100%;
    accent-color: var(--_accent);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.6rem;
    align-items: center;
    margin-block: 1rem;
  }
  .file {
    position: relative;
  }
  .message {
    margin: 0.5rem 0;
  }
  .message.error {
    color: var(--_danger);
    font-weight: 600;
  }
  .summary {
    border: 2px solid var(--_accent);
    border-radius: var(--_radius);
    padding: var(--_space);
    display: grid;
    gap: 0.75rem;
  }
  .summary-body {
    display: grid;
    gap: 1rem;
  }
  @container (min-width: 640px) {
    .summary-body {
      grid-template-columns: minmax(12rem, 16rem) 1fr;
      align-items: start;
    }
  }
  table {
    border-collapse: collapse;
    inline-size: 100%;
    font-size: 0.9em;
  }
  th,
  td {
    text-align: start;
    padding: 0.3rem 0.4rem;
    border-block-end: 1px solid var(--_border);
    vertical-align: top;
    /* Words may break anywhere when nothing else fits: with a reader's text spacing at 320 px,
       the table's headers and figures otherwise pushed it out of the widget. */
    overflow-wrap: anywhere;
  }
  td.num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  @container (min-width: 400px) {
    td.num {
      white-space: nowrap;
    }
  }
  /* Sized explicitly: WebKit gives an SVG with only a viewBox the container's width, not the
     grid column's, and the radar then covered the table. */
  .radar {
    display: block;
    inline-size: 100%;
    max-inline-size: 16rem;
    block-size: auto;
    aspect-ratio: 1;
  }
  .radar .ring {
    fill: none;
    stroke: var(--_line);
  }
  .radar .axis {
    stroke: var(--_border);
  }
  .radar .axis-label {
    font-size: 9px;
    fill: currentColor;
    text-anchor: middle;
    dominant-baseline: central;
  }
  .radar .area {
    fill: color-mix(in srgb, var(--_accent) 30%, transparent);
    stroke: var(--_accent);
    stroke-width: 2;
  }
  .radar .point {
    fill: var(--_accent);
  }
  .radar .point.empty {
    fill: var(--_surface, #fff);
    stroke: var(--_accent);
  }
  .lists {
    display: grid;
    gap: 1rem;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
  }
  @media print {
    .no-print,
    .grid,
    .toolbar,
    .progress,
    .actions {
      display: none !important;
    }
    .summary {
      border: 0;
      padding: 0;
      font-size: 10pt;
      break-inside: avoid;
    }
    .radar {
      max-inline-size: 6cm;
    }
  }
`;
