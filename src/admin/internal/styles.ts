import { css } from 'lit';

/** The admin page's look, on the library's tokens: tables, buttons, filters, diffs and states. */
export const adminStyles = css`
  :host {
    --_gap: 0.75rem;
  }
  :is(h1, h2, h3, h4) {
    line-height: 1.25;
    margin: 1.5rem 0 0.5rem;
  }
  p {
    margin: 0.4rem 0;
  }
  .intro,
  .hint {
    color: var(--_muted);
    max-inline-size: 70ch;
  }
  button,
  select,
  input,
  textarea {
    font: inherit;
  }
  button {
    padding: 0.35rem 0.8rem;
    border-radius: var(--_radius);
    border: 1px solid var(--_line);
    background: var(--_surface-raised);
    color: inherit;
    cursor: pointer;
  }
  button.primary {
    background: var(--_accent);
    color: var(--_on-accent);
    border-color: var(--_accent);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  :is(button, a, input, select, textarea, summary, [tabindex]):focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  input,
  select,
  textarea {
    padding: 0.35rem 0.5rem;
    border: 1px solid var(--_line);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    color: inherit;
  }
  .table-wrap {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    inline-size: 100%;
    margin-block: 0.5rem;
  }
  caption {
    text-align: start;
    font-weight: 700;
    padding-block: 0.4rem;
  }
  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: 0.4rem 0.5rem;
    border-block-end: 1px solid var(--_border);
    overflow-wrap: anywhere;
  }
  td .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gap);
    align-items: end;
    margin-block: 0.75rem;
  }
  .filters label,
  .stack label {
    display: grid;
    gap: 0.2rem;
    font-weight: 600;
  }
  .filters .inline {
    display: flex;
    gap: 0.4rem;
    align-items: center;
  }
  .card {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    margin-block: 0.75rem;
    background: var(--_surface-raised);
  }
  .diff-table {
    font-size: 0.92em;
  }
  .diff-table :is(del, ins) {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .diff-table ins {
    text-decoration: none;
    font-weight: 600;
  }
  .status:empty {
    display: none;
  }
  .status {
    font-weight: 600;
  }
  .state {
    padding: var(--_space);
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
  }
  .state-error {
    border: 2px solid var(--_danger);
  }
  .error {
    color: var(--_danger);
    font-weight: 600;
  }
  pre {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    font: inherit;
    margin: 0.3rem 0;
  }
  code {
    overflow-wrap: anywhere;
  }
`;
