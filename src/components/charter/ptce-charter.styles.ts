import { css } from 'lit';
import { formStyles } from '../../base/form/form-styles.js';

const ownStyles = css`
  .text {
    display: grid;
    gap: 0.5rem;
  }
  details {
    border-block-end: 1px solid var(--_border);
    padding-block: 0.5rem;
  }
  summary {
    cursor: pointer;
    font-weight: 700;
    min-block-size: 2.75rem;
    display: flex;
    align-items: center;
  }
  .source,
  .footnote {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .commitment label {
    font-weight: 700;
  }
  .signatory {
    display: grid;
    gap: 0.6rem;
    padding-block-end: 0.6rem;
    border-block-end: 1px dashed var(--_border);
  }
  @media print {
    .text {
      display: none !important;
    }
  }
`;

/** The shared form styles (base/form), then the charter's own: its text and signatories. */
export const charterStyles = [formStyles, ownStyles];
