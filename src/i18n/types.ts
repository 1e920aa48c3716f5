/** A message is plain text with `{name}` placeholders, or plural forms chosen by Intl.PluralRules. */
export type Message = string | { readonly one: string; readonly other: string; readonly zero?: string };
