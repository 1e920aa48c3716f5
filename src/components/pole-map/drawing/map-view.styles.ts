import { css } from 'lit';

/** The map frame's styles: in the shadow root of the map's drawing, after the shared tokens. */
export const mapViewStyles = css`
  .map {
    position: relative;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow: hidden;
    background: var(--_surface-raised);
  }
  .map > svg {
    display: block;
    inline-size: 100%;
    block-size: auto;
    aspect-ratio: 613 / 585;
    touch-action: none;
    user-select: none;
    cursor: grab;
  }
  /* The marks and the basemap each on a layer of their own, the basemap under the marks. */
  .map {
    isolation: isolate;
  }
  .map > svg {
    will-change: transform;
  }
  /* The basemap's layers, in a box the size of the marks' SVG that clips them: each SVG shows all
     of its drawing (overflow visible), so that panning and zooming out, done with a transform from
     its top left corner (layer-transform.ts), uncover drawn land, not an empty edge. */
  .map > .layers {
    position: absolute;
    inset-block-start: 0;
    inset-inline-start: 0;
    inline-size: 100%;
    aspect-ratio: 613 / 585;
    overflow: hidden;
    z-index: -1;
    pointer-events: none;
  }
  .layers > svg {
    position: absolute;
    inset: 0;
    display: block;
    inline-size: 100%;
    block-size: 100%;
    overflow: visible;
    transform-origin: 0 0;
    will-change: transform;
  }
  .map > svg.dragging {
    cursor: grabbing;
  }
  /* Land and borders from the tokens (3:1: test/a11y/contrast.test.ts). */
  .dept {
    fill: var(--_map-land);
    stroke: var(--_map-border);
    stroke-width: 0.4;
    vector-effect: non-scaling-stroke;
  }
  /* Poles here: a tint, not a line (a line would read as a border). */
  .tint,
  .swatch-tint {
    fill: var(--ptce-map-land-poles, color-mix(in srgb, var(--_accent) 22%, transparent));
  }
  .out {
    opacity: 0.35;
  }
  /* Just under a pixel wide: Chromium's rasterizer then draws the borders as hairlines. At 1.2 px
     it built their outlines (round joins) in every tile, which made the basemap three times as
     dear to rasterize (9–18 ms against 4 at 2,000 poles in \`npm run bench\`), and the frame after
     the first view waited for that raster. */
  .region-edge {
    fill: none;
    stroke: var(--_map-region-border);
    stroke-width: 0.99;
    stroke-linejoin: round;
    vector-effect: non-scaling-stroke;
    pointer-events: none;
  }
  .region-edge.out {
    opacity: 0.25;
  }
  /* The chosen region: its border in the accent colour, thick enough for 3:1 against the land. */
  .region-edge.selected,
  .inset.selected rect {
    stroke: var(--ptce-map-region-selected, var(--_accent));
    stroke-width: 2.6;
  }
  .inset rect {
    fill: var(--_surface);
    stroke: var(--_map-border);
    vector-effect: non-scaling-stroke;
  }
  .inset .dept {
    stroke: var(--_map-region-border);
  }
  .inset text {
    font-size: 8px;
    fill: currentColor;
  }
  /* A mark is its circle; a bubble's count is the text right after it. */
  .marker {
    cursor: pointer;
  }
  :is(.marker, .swatch circle) {
    fill: var(--_accent);
    stroke: var(--_surface-raised, #fff);
    stroke-width: 1.5;
    vector-effect: non-scaling-stroke;
  }
  /* Hollow: placed at its department's centre for want of an address. */
  :is(.marker.approximate, .swatch.approximate circle) {
    fill: var(--_surface);
    stroke: var(--_accent);
    stroke-width: 2;
  }
  :is(.marker.bubble, .swatch.bubble circle) {
    fill: var(--_accent);
    stroke: var(--_on-accent);
  }
  circle.marker:hover {
    stroke: currentColor;
    stroke-width: 2.5;
  }
  :is(.marker + text, .swatch text) {
    fill: var(--_on-accent);
    font-weight: 700;
    text-anchor: middle;
    dominant-baseline: central;
    pointer-events: none;
  }
  .marker:focus {
    outline: none;
  }
  /* Selected and focused look different: the selected mark is larger and ringed in the text
     colour; the focused one is ringed in the focus colour (both when both). */
  circle.marker.selected {
    transform: scale(1.4);
    transform-box: fill-box;
    transform-origin: center;
    stroke: currentColor;
    stroke-width: 2.5;
  }
  circle.marker:focus-visible {
    stroke: var(--_focus);
    stroke-width: 3.5;
  }
  .density-0 {
    fill: color-mix(in srgb, var(--_accent) 6%, transparent);
  }
  .density-1 {
    fill: color-mix(in srgb, var(--_accent) 25%, transparent);
  }
  .density-2 {
    fill: color-mix(in srgb, var(--_accent) 45%, transparent);
  }
  .density-3 {
    fill: color-mix(in srgb, var(--_accent) 68%, transparent);
  }
  .density-4 {
    fill: color-mix(in srgb, var(--_accent) 92%, transparent);
  }
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
    border-color: var(--_line);
  }
  .controls button:hover {
    background: color-mix(in srgb, var(--_accent) 14%, var(--_surface, transparent));
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.3rem 1rem;
    margin: 0;
    padding: 0.5rem;
    list-style: none;
    font-size: 0.85em;
  }
  .legend-title {
    font-weight: 600;
  }
  .legend li {
    display: flex;
    align-items: center;
    gap: 0.4rem;
  }
  .legend svg {
    flex: none;
    inline-size: 1rem;
    block-size: 1rem;
  }
  .credit {
    font-size: 0.75em;
    color: var(--_muted);
    margin: 0;
    padding: 0.25rem 0.5rem;
  }
  /* Forced colours: the marks in system colours, selection in Highlight, focus distinct from it. */
  @media (forced-colors: active) {
    .map > svg,
    .layers > svg {
      forced-color-adjust: none;
    }
    .dept,
    .swatch-tint,
    .inset rect {
      fill: Canvas;
    }
    .layers > svg.tints {
      display: none;
    }
    :is(.marker, .swatch circle) {
      fill: CanvasText;
      stroke: Canvas;
    }
    :is(.marker.approximate, .swatch.approximate circle) {
      fill: Canvas;
      stroke: CanvasText;
    }
    :is(.marker + text, .swatch text) {
      fill: Canvas;
    }
    .inset text {
      fill: CanvasText;
    }
    circle.marker.selected {
      fill: Highlight;
      stroke: CanvasText;
    }
    circle.marker:focus-visible {
      stroke: Highlight;
    }
  }
`;
