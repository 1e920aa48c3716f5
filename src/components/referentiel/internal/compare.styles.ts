import { css } from 'lit';

/** Compare mode's styles: loaded with its chunk, added to the element's own. */
export const compareStyles = css`
  .dots {
    inline-size: 100%;
    max-inline-size: 18rem;
    block-size: auto;
  }
  .dots .axis {
    stroke: var(--_border);
    stroke-width: 1;
  }
  .dots .tick {
    font-size: 7px;
    fill: var(--_muted);
    text-anchor: middle;
  }
  .dots circle {
    fill: var(--_accent);
    stroke: var(--_surface, #fff);
  }
  .dots .who {
    font-size: 6px;
    fill: var(--_on-accent);
    text-anchor: middle;
    dominant-baseline: central;
  }
  .compare-row {
    display: grid;
    gap: 0.3rem 1rem;
    padding-block: 0.6rem;
    border-block-end: 1px solid var(--_border);
  }
  @container (min-width: 640px) {
    .compare-row {
      grid-template-columns: 1fr minmax(10rem, 18rem);
      align-items: center;
    }
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3rem 1rem;
    list-style: none;
    padding: 0;
  }
`;
