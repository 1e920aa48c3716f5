/**
 * Colour contrast as WCAG computes it (relative luminance), from colours the engine computed:
 * tokens are written with light-dark() and color-mix(), so the engine resolves them in the
 * widget's scheme and the test reads the result.
 */
export type Rgba = [number, number, number, number];

/** A computed colour: rgb()/rgba() or color(srgb …), as engines print color-mix() results. */
export function parseColour(text: string): Rgba {
  const srgb = text.match(/^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.e-]+))?\)$/);
  if (srgb) return [Number(srgb[1]) * 255, Number(srgb[2]) * 255, Number(srgb[3]) * 255, srgb[4] === undefined ? 1 : Number(srgb[4])];
  const rgb = text.match(/^rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:[,/] ?([\d.]+))?\)$/);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), rgb[4] === undefined ? 1 : Number(rgb[4])];
  if (text === 'transparent') return [0, 0, 0, 0];
  const hex = text.match(/^#([\da-f]{2})([\da-f]{2})([\da-f]{2})$/i);
  if (hex) return [parseInt(hex[1], 16), parseInt(hex[2], 16), parseInt(hex[3], 16), 1];
  throw new Error(`unreadable colour ${text}`);
}

/** `top` painted over `below` (opaque result). */
export const over = ([r, g, b, a]: Rgba, [R, G, B]: Rgba): Rgba => [r * a + R * (1 - a), g * a + G * (1 - a), b * a + B * (1 - a), 1];

const luminance = ([r, g, b]: Rgba) =>
  [r, g, b]
    .map((v) => ((v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);

export function contrast(a: Rgba, b: Rgba): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** A colour as drawn on a ground (its own transparency included), against that ground. */
export const against = (colour: string | Rgba, ground: Rgba) => {
  const c = typeof colour === 'string' ? parseColour(colour) : colour;
  return contrast(over(c, ground), ground);
};

/** What a CSS colour value (a token: `var(--_line)`) computes to inside `container`. */
export function resolveColour(container: Element | ShadowRoot, value: string): string {
  // An undefined custom property would resolve to the inherited text colour and pass or fail for
  // the wrong reason: say so instead.
  const token = /^var\((--[\w-]+)\)$/.exec(value.trim())?.[1];
  const host = container instanceof ShadowRoot ? container.host : container;
  if (token && !getComputedStyle(host).getPropertyValue(token).trim()) throw new Error(`${token} is not defined on <${host.localName}>`);
  const probe = document.createElement('span');
  probe.style.color = value;
  container.append(probe);
  const colour = getComputedStyle(probe).color;
  probe.remove();
  return colour;
}
