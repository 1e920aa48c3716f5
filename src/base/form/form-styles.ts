import { css } from 'lit';

/** The forms' shared look: fieldsets, fields, errors and their summary, the receipt. */
export const formStyles = css`
  :is(h1, h2, h3, h4, h5, h6) {
    line-height: 1.25;
    margin: 0 0 0.5rem;
  }
  .hint {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .notice {
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-raised);
  }
  form {
    display: grid;
    gap: 1.25rem;
    margin-block-start: 1.5rem;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    margin: 0;
    display: grid;
    gap: 0.9rem;
    min-inline-size: 0;
  }
  legend {
    font-weight: 700;
    padding-inline: 0.35rem;
  }
  .field {
    display: grid;
    gap: 0.3rem;
  }
  /* (Their font and colours are every widget's: styles/tokens.ts.) */
  textarea {
    min-block-size: 5rem;
    resize: vertical;
  }
  select {
    max-inline-size: 100%;
  }
  .row {
    display: grid;
    gap: 0.9rem;
  }
  @container (min-width: 560px) {
    .row {
      grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
    }
  }
  label {
    font-weight: 600;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
    border-width: 2px;
  }
  .choice {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.6rem;
    align-items: start;
  }
  .choice input {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    margin-block-start: 0.15rem;
  }
  .choice label {
    font-weight: 400;
  }
  .error {
    color: var(--_danger);
    font-weight: 600;
    margin: 0;
  }
  .error-summary {
    border: 2px solid var(--_danger);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
  .error-summary a {
    color: var(--_danger);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    align-items: center;
  }
  button[aria-busy='true'] {
    opacity: 0.75;
    cursor: progress;
  }
  .honeypot {
    position: absolute;
    inset-inline-start: -10000px;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
  }
  .receipt {
    border: 2px solid var(--_accent);
    border-radius: var(--_radius);
    padding: var(--_space);
    display: grid;
    gap: 0.6rem;
  }
  @media print {
    form,
    .no-print {
      display: none !important;
    }
    .receipt {
      border: 1px solid #000;
      color: #000;
    }
  }
`;
