/**
 * The adapters turn a rich-text description into plain text with the browser's DOMParser, which
 * Node lacks. On the server, this stands in for it: the hidden elements (script, style, template,
 * noscript) go with their content, the other tags go, the character references are decoded. The
 * result is only ever shown as text, never as HTML.
 */
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  eacute: 'é',
  egrave: 'è',
  agrave: 'à',
  ccedil: 'ç',
  ecirc: 'ê',
  ocirc: 'ô',
  rsquo: '’',
  laquo: '«',
  raquo: '»',
  hellip: '…',
};

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref.toLowerCase()] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

export function htmlToText(html: string): string {
  const withoutHidden = html.replace(/<(script|style|template|noscript)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '');
  return decode(withoutHidden.replace(/<[^>]*>/g, ''));
}

/** Installs the stand-in where there is no DOMParser (Node); the browser's stays. */
export function installHtmlText(): void {
  const scope = globalThis as { DOMParser?: unknown };
  if (scope.DOMParser) return;
  scope.DOMParser = class {
    parseFromString(html: string) {
      return { querySelectorAll: () => [], body: { textContent: htmlToText(html) } };
    }
  };
}
