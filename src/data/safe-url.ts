/** An http(s) URL as text, or undefined: anything else (javascript:, data:, garbage) is never a link. */
export function safeHttpUrl(value: string | undefined, base?: string): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** French overseas prefixes: 0262… is +262 262…, 0690… is +590 690…. */
const OVERSEAS: [RegExp, string][] = [
  [/^0(262|263|692|693|269|639)/, '262'],
  [/^0(590|690|691)/, '590'],
  [/^0(594|694)/, '594'],
  [/^0(596|696|697)/, '596'],
];

/**
 * `tel:` link target in E.164 (+33…), from a number as written: "04 75 00 00 00 (accueil)",
 * "+33 (0)4 75…", "0033 4 75…", or nine digits whose leading 0 a spreadsheet ate.
 */
export function telHref(phone: string): string | undefined {
  const written = phone.replace(/\([^)]*[^\d\s)][^)]*\)/g, ' ').replace(/\(0\)/g, '');
  const plus = /^\s*(\+|00)/.test(written);
  let digits = written.replace(/\D/g, '');
  if (!plus && /^0\d{9}$/.test(digits)) {
    const overseas = OVERSEAS.find(([prefix]) => prefix.test(digits));
    digits = overseas ? `${overseas[1]}${digits.slice(1)}` : `33${digits.slice(1)}`;
  } else if (!plus && /^[1-9]\d{8}$/.test(digits)) {
    digits = `33${digits}`;
  } else if (plus && written.trim().startsWith('00')) {
    digits = digits.slice(2);
  } else if (!plus) {
    return undefined;
  }
  return /^[1-9]\d{6,14}$/.test(digits) ? `tel:+${digits}` : undefined;
}

/** `mailto:` link target for an address the schema accepted; undefined for anything odd. */
export function mailtoHref(email: string): string | undefined {
  return /^[^\s@:/?#]+@[^\s@:/?#]+\.[^\s@:/?#]+$/.test(email) ? `mailto:${email}` : undefined;
}
