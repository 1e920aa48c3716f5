import { css } from 'lit';

/** The frame and the loading placeholder: in the element's file. */
export const cardStyles = css`
  .card {
    display: grid;
    gap: 0.75rem;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-raised);
    overflow-wrap: anywhere;
  }
  .skeleton .line {
    block-size: 0.9em;
    border-radius: 0.3em;
    background: var(--_border);
    opacity: 0.6;
  }
  .skeleton .line:first-of-type {
    block-size: 1.3em;
    inline-size: 60%;
  }
  .skeleton .line:nth-of-type(3) {
    inline-size: 80%;
  }
`;

/** The loaded pole's: in its drawing's chunk (internal/pole-view.ts). */
export const poleStyles = css`
  .compact {
    cursor: pointer;
  }
  .compact:hover {
    border-color: var(--_accent);
  }
  .main,
  .aside,
  .lead {
    display: grid;
    gap: 0.6rem;
    align-content: start;
  }
  header {
    display: flex;
    gap: 0.75rem;
    align-items: center;
  }
  .logo {
    inline-size: 3rem;
    block-size: 3rem;
    object-fit: contain;
    flex: none;
  }
  [part='name'] {
    margin: 0;
    font-size: 1.2em;
    line-height: 1.25;
    font-weight: 700;
  }
  [part='name'] button {
    all: unset;
    cursor: pointer;
    color: inherit;
  }
  [part='name'] button:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  p {
    margin: 0;
  }
  .muted,
  .carrier,
  .territory {
    color: var(--_muted);
  }
  .badges,
  .themes,
  .facts,
  .figures,
  .contact {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem 0.75rem;
  }
  .badges li,
  .themes li {
    border: 1px solid var(--_border);
    border-radius: 999px;
    padding: 0.1em 0.7em;
    font-size: 0.875em;
  }
  .figures li {
    font-weight: 600;
  }
  .facts {
    flex-direction: column;
  }
  .address {
    font-style: normal;
  }
  .hours .label {
    margin: 0;
    font-weight: 600;
  }
  .hours dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.1rem 0.75rem;
    margin: 0.25rem 0;
  }
  .hours dt::first-letter {
    text-transform: uppercase;
  }
  .hours dd {
    margin: 0;
  }
  .address,
  .hours p,
  .description {
    overflow-wrap: anywhere;
  }
  .description.clamped {
    display: -webkit-box;
    -webkit-line-clamp: 3;
    -webkit-box-orient: vertical;
    overflow: hidden;
  }
  .link-button {
    all: unset;
    cursor: pointer;
    color: var(--_accent);
    text-decoration: underline;
    font-size: 0.9em;
    justify-self: start;
  }
  .link-button:focus-visible {
    outline: 3px solid var(--_focus);
  }
  a {
    color: var(--_accent);
  }
  .summary :is(h2, h3, h4, h5, h6) {
    margin: 0 0 0.35rem;
    font-size: 0.95em;
  }
  .summary ul {
    list-style: none;
    padding: 0;
    margin: 0;
    display: grid;
    gap: 0.3rem;
  }
  .summary li {
    display: grid;
    grid-template-columns: minmax(6rem, 1fr) minmax(4rem, 8rem) 3.5rem;
    gap: 0.5rem;
    align-items: center;
    font-size: 0.875em;
  }
  .summary svg {
    inline-size: 100%;
    block-size: 0.75rem;
  }
  .summary .track {
    fill: var(--_border);
  }
  .summary .bar {
    fill: var(--_accent);
  }
  .summary .value {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  @container (min-width: 560px) {
    .card.full {
      grid-template-columns: 3fr 2fr;
      align-items: start;
    }
    .card.full > header,
    .card.full > .lead,
    .card.full > .requests {
      grid-column: 1 / -1;
    }
  }
  .request-buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .request-buttons button {
    font: inherit;
    font-size: 0.9em;
    min-block-size: 2.75rem;
    padding: 0.4rem 0.8rem;
    border: 1px solid var(--_accent);
    border-radius: var(--_radius);
    background: transparent;
    color: var(--_accent);
    cursor: pointer;
  }
  .request-buttons button[aria-expanded='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .request-buttons button:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
`;
