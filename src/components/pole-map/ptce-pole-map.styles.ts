import { css } from 'lit';

export const mapStyles = css`
  .layout {
    display: grid;
    gap: 0.75rem;
  }
  .filters {
    display: grid;
    gap: 0.6rem;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 11rem), 1fr));
    align-items: end;
  }
  .filters label {
    display: grid;
    gap: 0.2rem;
    font-size: 0.9em;
    font-weight: 600;
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
  .map {
    position: relative;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow: hidden;
    background: var(--_surface-raised);
  }
  svg {
    display: block;
    inline-size: 100%;
    block-size: auto;
    aspect-ratio: 613 / 585;
    touch-action: none;
    user-select: none;
    cursor: grab;
  }
  svg.dragging {
    cursor: grabbing;
  }
  .dept {
    fill: var(--ptce-map-land, color-mix(in srgb, currentColor 8%, transparent));
    stroke: var(--ptce-map-border, color-mix(in srgb, currentColor 30%, transparent));
    stroke-width: 0.4;
    vector-effect: non-scaling-stroke;
  }
  .dept.out {
    opacity: 0.35;
  }
  .region-edge {
    fill: none;
    stroke: var(--ptce-map-region-border, color-mix(in srgb, currentColor 55%, transparent));
    stroke-width: 1.4;
    vector-effect: non-scaling-stroke;
  }
  .inset rect {
    fill: var(--ptce-map-land, color-mix(in srgb, currentColor 8%, transparent));
    stroke: var(--ptce-map-border, color-mix(in srgb, currentColor 30%, transparent));
    vector-effect: non-scaling-stroke;
  }
  .inset text {
    font-size: 8px;
    fill: currentColor;
  }
  .marker {
    cursor: pointer;
  }
  .marker circle {
    fill: var(--_accent);
    stroke: var(--_surface-raised, #fff);
    stroke-width: 1.5;
    vector-effect: non-scaling-stroke;
  }
  .marker.approximate circle {
    fill: var(--_surface);
    stroke: var(--_accent);
    stroke-width: 2;
  }
  .marker.bubble circle {
    fill: var(--_accent);
    stroke: var(--_on-accent);
  }
  .marker text {
    fill: var(--_on-accent);
    font-weight: 700;
    text-anchor: middle;
    dominant-baseline: central;
    pointer-events: none;
  }
  .marker:focus {
    outline: none;
  }
  .marker:focus-visible circle,
  .marker.selected circle {
    stroke: var(--_focus);
    stroke-width: 3.5;
  }
  .density-0 { fill: color-mix(in srgb, var(--_accent) 6%, transparent); }
  .density-1 { fill: color-mix(in srgb, var(--_accent) 25%, transparent); }
  .density-2 { fill: color-mix(in srgb, var(--_accent) 45%, transparent); }
  .density-3 { fill: color-mix(in srgb, var(--_accent) 68%, transparent); }
  .density-4 { fill: color-mix(in srgb, var(--_accent) 92%, transparent); }
  .controls {
    position: absolute;
    inset-block-start: 0.5rem;
    inset-inline-end: 0.5rem;
    display: grid;
    gap: 0.35rem;
  }
  .controls button {
    min-block-size: 2.5rem;
    min-inline-size: 2.5rem;
    padding: 0.2rem 0.5rem;
    background: var(--_surface);
    color: inherit;
    border-color: var(--_border);
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3rem 0.8rem;
    margin: 0;
    padding: 0.5rem;
    list-style: none;
    font-size: 0.85em;
  }
  .legend svg {
    inline-size: 1rem;
    block-size: 1rem;
    aspect-ratio: 1;
    vertical-align: middle;
  }
  .skipped {
    margin: 0 0 0.5rem;
    font-size: 0.85em;
    color: var(--_muted);
  }
  .credit {
    font-size: 0.75em;
    color: var(--_muted);
    margin: 0;
    padding: 0.25rem 0.5rem;
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
  .list li button {
    all: unset;
    box-sizing: border-box;
    display: grid;
    inline-size: 100%;
    padding: 0.45rem 0.6rem;
    border-radius: calc(var(--_radius) / 2);
    cursor: pointer;
  }
  .list li button:hover,
  .list li button[aria-current='true'] {
    background: color-mix(in srgb, var(--_accent) 12%, transparent);
  }
  .list li button:focus-visible {
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
    border-color: var(--_border);
  }
  [role='tab'][aria-selected='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
`;
