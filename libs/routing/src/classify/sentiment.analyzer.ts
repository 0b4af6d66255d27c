import { foldLetters, foldText } from '@app/common';
import {
  EMOJI_SCORES,
  ENGLISH_WORDS,
  INTENSIFIERS,
  ITALIAN_WORDS,
  NEGATORS,
  PHRASES,
} from './sentiment.lexicon';
import type { SocialText } from './social-text';

export type Sentiment = 'negative' | 'neutral' | 'positive';

export interface SentimentResult {
  sentiment: Sentiment;
  /** raw / sqrt(raw² + 1) of the summed word, phrase and emoji scores: -1..1, 0 when nothing was felt. */
  score: number;
}

/** The languages whose words are read; any other text is judged on its emoji alone. */
export const SENTIMENT_LANGUAGES = ['it', 'en'] as const;
type WordLanguage = (typeof SENTIMENT_LANGUAGES)[number];

/**
 * |score| at or above which a text is negative or positive: the middle of the plateau (0.1..0.15) measured on
 * the dev half of test/fixtures/classification/labelled.json (see classify-accuracy.spec.ts).
 */
export const SENTIMENT_THRESHOLD = 0.15;
/** A negated word keeps most of its strength, reversed ("not bad" is milder than "good"); VADER uses 0.74. */
const NEGATION_FACTOR = -0.75;
/** How many following words a negator reaches, within its clause. */
const NEGATION_REACH = 3;
const INTENSIFIER_FACTOR = 1.5;
const INTENSIFIER_REACH = 2;
/**
 * The dictionaries give small scores to many plain words: noise, not mood. lang-it's `pattern` scores "vero" 0.12
 * and "alcuno" 0.03. lang-en's `senticon` (mostly in steps of 1/8) scores 47 of 126 desk topic words
 * between 0.25 and 0.5 ("order" 0.33, "service" 0.25, "wait" 0.5) and plain verbs at 0.5 ("go", "give"), but
 * none of those topic words at 0.6 or more; and its weak scores often have the wrong sign ("bad" +0.25, "worse"
 * +0.375). 0.6 is the middle of the plateau (0.55..0.625) measured on the dev split.
 */
const LIBRARY_MIN_SCORE: Record<WordLanguage, number> = { it: 0.1, en: 0.6 };
/** Repeating an emoji stresses it, with diminishing returns: 👎 1×, 👎👎 1.5×, 👎👎👎 and more 2×. */
const EMOJI_REPEAT_BONUS = 0.5;
const EMOJI_REPEAT_MAX = 3;

/** "I'd like to", "would like": a request, not a liking. "like" after these words is read as neutral. */
const REQUEST_FRAMES = new Map<string, Set<string>>([['like', new Set(['id', 'would', 'wed', 'youd'])]]);

// Clause boundaries end a negation's reach: "non è arrivato, ma il servizio è ottimo".
const CLAUSE_BREAK = /[.,;:!?¡¿…]+|\s(?:ma|però|pero|but|however|though|although)\s/iu;

interface NlpContainer {
  use(plugin: unknown): void;
  get(name: string): unknown;
}
interface Stemmer {
  stem(word: string): string;
}
interface NlpSentimentAnalyzer {
  process(input: { locale: string; text: string }): Promise<{ sentiment: { score: number; vote: Sentiment } }>;
}

interface CompiledLexicon {
  exact: Map<string, number>;
  prefixes: Map<string, number>;
  shortestPrefix: number;
}

interface Stopwords {
  isStopword(word: string): boolean;
}

/** One language's share of NLP.js: its stemmer, stop words and stemmed polarity dictionary. */
interface LibraryLanguage {
  stemmer: Stemmer;
  stopwords: Stopwords;
  /** Stem → polarity, -1..1: lang-it's `pattern` dictionary, lang-en's `senticon` dictionary. */
  polarity: Readonly<Record<string, number>>;
  /** Library scores below this are noise, not mood (see LIBRARY_MIN_SCORE). */
  minScore: number;
}

interface Engine {
  container: NlpContainer;
  library: Record<WordLanguage, LibraryLanguage>;
  words: Record<WordLanguage, CompiledLexicon>;
  phrases: Record<WordLanguage, [string, number][]>;
  negators: Record<WordLanguage, Set<string>>;
  intensifiers: Record<WordLanguage, Set<string>>;
  libraryAnalyzer?: NlpSentimentAnalyzer;
}

function compileLexicon(words: Readonly<Record<string, number>>): CompiledLexicon {
  const exact = new Map<string, number>();
  const prefixes = new Map<string, number>();
  for (const [key, score] of Object.entries(words)) {
    if (key.endsWith('*')) prefixes.set(foldLetters(key.slice(0, -1)), score);
    else exact.set(foldLetters(key), score);
  }
  const shortestPrefix = Math.min(...[...prefixes.keys()].map((p) => p.length));
  return { exact, prefixes, shortestPrefix };
}

function lookup(lexicon: CompiledLexicon, word: string): number | undefined {
  const exact = lexicon.exact.get(word);
  if (exact !== undefined) return exact;
  // Longest matching prefix wins, so "gentilissim*" beats "gentil*".
  for (let len = word.length; len >= lexicon.shortestPrefix; len -= 1) {
    const score = lexicon.prefixes.get(word.slice(0, len));
    if (score !== undefined) return score;
  }
  return undefined;
}

let engine: Engine | undefined;

/**
 * Loads the NLP.js pieces once per process, on first use (a few milliseconds), and compiles our lexicon. Every
 * later call only looks words up in maps.
 */
function engineInstance(): Engine {
  if (engine) return engine;
  /* eslint-disable @typescript-eslint/no-require-imports -- CommonJS packages without type declarations */
  const { containerBootstrap } = require('@nlpjs/core') as { containerBootstrap(): NlpContainer };
  const { LangIt } = require('@nlpjs/lang-it') as { LangIt: unknown };
  const { LangEn } = require('@nlpjs/lang-en') as { LangEn: unknown };
  /* eslint-enable @typescript-eslint/no-require-imports */
  const container = containerBootstrap();
  container.use(LangIt);
  container.use(LangEn);
  const libraryLanguage = (locale: WordLanguage, dictionary: 'pattern' | 'senticon', minScore: number) => ({
    stemmer: container.get(`stemmer-${locale}`) as Stemmer,
    stopwords: container.get(`stopwords-${locale}`) as Stopwords,
    polarity: (container.get(`sentiment-${locale}`) as Record<string, Record<string, number>>)[dictionary],
    minScore,
  });
  engine = {
    container,
    library: {
      it: libraryLanguage('it', 'pattern', LIBRARY_MIN_SCORE.it),
      en: libraryLanguage('en', 'senticon', LIBRARY_MIN_SCORE.en),
    },
    words: { it: compileLexicon(ITALIAN_WORDS), en: compileLexicon(ENGLISH_WORDS) },
    phrases: {
      it: Object.entries(PHRASES.it).map(([p, s]) => [foldText(p), s]),
      en: Object.entries(PHRASES.en).map(([p, s]) => [foldText(p), s]),
    },
    negators: { it: new Set(NEGATORS.it.map(foldLetters)), en: new Set(NEGATORS.en.map(foldLetters)) },
    intensifiers: { it: new Set(INTENSIFIERS.it.map(foldLetters)), en: new Set(INTENSIFIERS.en.map(foldLetters)) },
  };
  return engine;
}

/**
 * A token as our lexicon sees it: folded; English contractions closed up ("don't" → "dont"), Italian elisions
 * dropped ("dell'assistenza" → "assistenza").
 */
function lexiconForm(word: string, language: WordLanguage): string {
  const folded = foldLetters(word).replace(/’/g, "'");
  if (language === 'en') return folded.replace(/'/g, '');
  const parts = folded.split("'");
  return parts[parts.length - 1] || parts[0];
}

/**
 * The word as the library's stemmer expects it: lower-cased; for Italian without an elided article
 * ("dell'assistenza" → "assistenza"), for English without a clitic ("customer's" → "customer", "it's" → "it").
 */
function libraryForm(word: string, language: WordLanguage): string {
  const lower = word.toLowerCase().replace(/’/g, "'");
  const apostrophe = lower.indexOf("'");
  if (apostrophe < 0) return lower;
  return language === 'it' ? lower.slice(lower.lastIndexOf("'") + 1) : lower.slice(0, apostrophe);
}

function wordScore(e: Engine, word: string, form: string, language: WordLanguage): number {
  const own = lookup(e.words[language], form);
  if (own !== undefined) return own;
  const library = e.library[language];
  const bare = libraryForm(word, language);
  // Stems collide: "sono" shares "son" (-0.25) and "noi" is -0.5; function words carry no feeling.
  if (bare === '' || library.stopwords.isStopword(bare)) return 0;
  const score = library.polarity[library.stemmer.stem(bare)] ?? 0;
  return Math.abs(score) >= library.minScore ? score : 0;
}

function scoreWords(e: Engine, prose: string, language: WordLanguage): number {
  let total = 0;
  for (const clause of prose.split(CLAUSE_BREAK)) {
    let negation = 0;
    let intensity = 0;
    let previous = '';
    for (const word of clause.match(/[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu) ?? []) {
      const form = lexiconForm(word, language);
      const before = previous;
      previous = form;
      if (REQUEST_FRAMES.get(form)?.has(before)) continue;
      if (e.negators[language].has(form)) {
        negation = NEGATION_REACH;
        continue;
      }
      if (e.intensifiers[language].has(form)) {
        intensity = INTENSIFIER_REACH;
        continue;
      }
      let score = wordScore(e, word, form, language);
      if (score !== 0) {
        if (intensity > 0) score *= INTENSIFIER_FACTOR;
        if (negation > 0) score *= NEGATION_FACTOR;
        intensity = 0;
      }
      total += score;
      if (negation > 0) negation -= 1;
      if (intensity > 0) intensity -= 1;
    }
  }
  return total;
}

function scorePhrases(e: Engine, prose: string, language: WordLanguage): number {
  const folded = foldText(prose);
  let total = 0;
  for (const [phrase, score] of e.phrases[language]) if (folded.includes(phrase)) total += score;
  return total;
}

export function scoreEmoji(emoji: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const e of emoji) if (EMOJI_SCORES[e] !== undefined) counts.set(e, (counts.get(e) ?? 0) + 1);
  let total = 0;
  for (const [e, n] of counts) {
    total += EMOJI_SCORES[e] * (1 + EMOJI_REPEAT_BONUS * (Math.min(n, EMOJI_REPEAT_MAX) - 1));
  }
  return total;
}

function readWords(e: Engine, prose: string, language: WordLanguage): number {
  return scoreWords(e, prose, language) + scorePhrases(e, prose, language);
}

function scoreProse(prose: string, language: string | null, languageSure: boolean): number {
  const e = engineInstance();
  if (isWordLanguage(language) && languageSure) return readWords(e, prose, language);
  if (language !== null && languageSure) return 0;
  // No language told, or only a shaky guess (one rare word: "gentile"; two words: "veramente deluso"): read the
  // words as Italian and as English and keep the stronger reading; a word seldom means opposite things in the two.
  const it = readWords(e, prose, 'it');
  const en = readWords(e, prose, 'en');
  return Math.abs(it) >= Math.abs(en) ? it : en;
}

function isWordLanguage(language: string | null): language is WordLanguage {
  return (SENTIMENT_LANGUAGES as readonly string[]).includes(language ?? '');
}

export function toSentiment(score: number): Sentiment {
  if (score >= SENTIMENT_THRESHOLD) return 'positive';
  if (score <= -SENTIMENT_THRESHOLD) return 'negative';
  return 'neutral';
}

/**
 * Sentiment of a parsed social text in the given language. Italian and English words are read (lang-it's or
 * lang-en's dictionary and our lexicon, with negation and intensifiers), plus phrases and emoji; in any other
 * language told with confidence only emoji and emoticons count, as we have no word lists we trust there.
 */
export function analyzeSentiment(text: SocialText, language: string | null, languageSure = true): SentimentResult {
  const raw = scoreEmoji(text.emoji) + (text.prose === '' ? 0 : scoreProse(text.prose, language, languageSure));
  const score = raw / Math.sqrt(raw * raw + 1);
  // Round away float dust so that equal texts compare equal and logs stay readable.
  const rounded = Math.round(score * 1000) / 1000;
  return { sentiment: toSentiment(rounded), score: rounded === 0 ? 0 : rounded };
}

/**
 * The library alone (NLP.js SentimentAnalyzer with lang-it / lang-en, no lexicon of ours): the baseline the
 * accuracy test compares against. Not used for classification.
 */
export async function librarySentiment(text: string, language: string | null): Promise<Sentiment> {
  const e = engineInstance();
  if (!isWordLanguage(language)) return 'neutral';
  if (!e.libraryAnalyzer) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { SentimentAnalyzer } = require('@nlpjs/sentiment') as {
      SentimentAnalyzer: new (settings: { container: NlpContainer }) => NlpSentimentAnalyzer;
    };
    e.libraryAnalyzer = new SentimentAnalyzer({ container: e.container });
  }
  const result = await e.libraryAnalyzer.process({ locale: language, text });
  return result.sentiment.vote;
}
