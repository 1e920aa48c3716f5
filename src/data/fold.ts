/** A theme id from its name: "Économie circulaire" → "economie-circulaire", "Культура" → "культура". */
export function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '');
}

/** A name as compared for duplicates: accents, case, punctuation and spacing folded ("Bou'Sol" = "bou sol"). */
export const fold = (text: string | undefined): string => slug(text ?? '').replace(/-/g, '');
