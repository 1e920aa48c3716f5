/** A name reduced to its words: no accents, case or punctuation ("Domb'Innov" → ["domb", "innov"]). */
export const words = (name: string): string[] =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

const GENERIC = new Set(['pole', 'ptce', 'de', 'des', 'du', 'la', 'le', 'les', 'et', 'cooperation', 'economique', 'territorial']);

/** The poles whose folded name is close to a typed one, closest first: same letters, or distinctive words in common. */
export function closeNames<P extends { name: string }>(typed: string, poles: readonly P[]): P[] {
  const typedWords = words(typed);
  const compact = typedWords.join('');
  const score = (pole: P) => {
    const poleWords = words(pole.name);
    if (compact && poleWords.join('') === compact) return 100;
    return poleWords.filter((word) => !GENERIC.has(word) && word.length > 2 && typedWords.includes(word)).length;
  };
  return poles
    .map((pole) => ({ pole, score: score(pole) }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score)
    .map(({ pole }) => pole);
}
