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

/** `tel:` link target: digits and a leading + only. */
export function telHref(phone: string): string | undefined {
  const digits = phone.replace(/(?!^\+)[^\d]/g, '');
  return /^\+?\d{6,15}$/.test(digits) ? `tel:${digits}` : undefined;
}

/** `mailto:` link target for an address the schema accepted; undefined for anything odd. */
export function mailtoHref(email: string): string | undefined {
  return /^[^\s@:/?#]+@[^\s@:/?#]+\.[^\s@:/?#]+$/.test(email) ? `mailto:${email}` : undefined;
}
