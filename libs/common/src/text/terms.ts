/**
 * Whole-word, case- and accent-insensitive matching of words and phrases, shared by the responsibility map's
 * keywords and the reply policy's terms so that both agree on what "contains" means.
 *
 * Text is folded (compatibility-decomposed, marks dropped, lower-cased) and every run of characters that are not
 * letters or digits becomes one space: "L'ordine è ARRIVATO!!" reads " l ordine e arrivato ", and the term
 * "ordine" or the phrase "e arrivato" is found by looking for " ordine " and " e arrivato ". Hashtags and
 * mentions match their word ("#Rimborso" has "rimborso").
 */
export function foldText(text: string): string {
  return ` ${foldLetters(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
}

/** The letters as foldText compares them (compatibility-decomposed, marks dropped, lower-cased), punctuation kept. */
export function foldLetters(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/ß/g, 'ss');
}

/** The terms (as given) that occur in text as whole words or whole phrases. Blank terms never match. */
export function findTerms(text: string, terms: readonly string[]): string[] {
  if (terms.length === 0) return [];
  const folded = foldText(text);
  return terms.filter((term) => {
    const t = foldText(term);
    return t.trim() !== '' && folded.includes(t);
  });
}

export function hasAnyTerm(text: string, terms: readonly string[]): boolean {
  return findTerms(text, terms).length > 0;
}
