import { findTerms, foldText, hasAnyTerm } from './terms';

describe('terms', () => {
  it('folds case, accents and punctuation into spaced words', () => {
    expect(foldText("L'ordine è ARRIVATO!!")).toBe(' l ordine e arrivato ');
    expect(foldText('Straße — Ünïcödé 🙂')).toBe(' strasse unicode ');
  });

  it('matches whole words only, ignoring case and accents', () => {
    expect(findTerms('Voglio il RIMBORSO subito', ['rimborso', 'rimb'])).toEqual(['rimborso']);
    expect(hasAnyTerm('perché non funziona', ['perche'])).toBe(true);
    expect(hasAnyTerm('Pèrche', ['PERCHÉ'])).toBe(true);
    expect(hasAnyTerm('refunded already', ['refund'])).toBe(false);
    expect(hasAnyTerm('#refund please', ['refund'])).toBe(true);
  });

  it('matches phrases across punctuation, never blank terms', () => {
    expect(findTerms('Customer, service was awful.', ['customer service', 'service was awful', ' ', ''])).toEqual(['customer service', 'service was awful']);
    expect(hasAnyTerm('anything', [])).toBe(false);
  });
});
