import { wordsOf } from './social-text';

/**
 * The languages a conversation can be labelled with. Detection is restricted to them on purpose: on a
 * three-word post an open-world detector happily answers Latin, Catalan or Tagalog, and a desk serving
 * European brands would rather hear the closest of the languages it actually staffs.
 */
export const DETECTABLE_LANGUAGES = ['it', 'en', 'es', 'fr', 'de', 'pt', 'nl'] as const;
export type DetectableLanguage = (typeof DETECTABLE_LANGUAGES)[number];

/**
 * Very frequent function words that belong to only one of the languages above. Words common in two of them are
 * left out ("la", "de", "in", "no", "que", "da", "su", "il", "ma", "ne", "was", "die"...); Italian "non" stays,
 * French saying "ne ... pas". tinyld judges character n-grams and word uniques learnt from long text; on a short
 * post one loan word ("internet down", "customer care") can outweigh the grammar around it. Counting function
 * words gives the grammar its say.
 */
const FUNCTION_WORDS: Record<DetectableLanguage, readonly string[]> = {
  it: [
    'gli', 'di', 'della', 'delle', 'dello', 'dei', 'degli', 'nel', 'nella', 'alla', 'allo', 'ai', 'che', 'non',
    'sono', 'siete', 'ho', 'hai', 'abbiamo', 'avete', 'hanno', 'ci', 'vi', 'ti', 'questo', 'questa', 'anche',
    'ancora', 'perché', 'perche', 'dove', 'quando', 'sempre', 'nessuno', 'niente', 'tutto', 'tutti', 'grazie',
    'ciao', 'buongiorno', 'buonasera', 'salve', 'è', 'più', 'già', 'cosa', 'molto', 'sto', 'mio', 'mia', 'vostro',
    'vostra', 'ogni', 'nn', 'cmq', 'x', 'ke',
  ],
  en: [
    'the', 'and', 'are', 'was', 'were', 'my', 'your', 'you', 'it', "it's", "i'm", "i've", "don't", "doesn't",
    "didn't", "can't", "won't", 'to', 'of', 'for', 'with', 'this', 'that', 'not', 'have', 'has', 'been', 'will',
    'would', 'can', 'could', 'what', 'how', 'when', 'where', 'why', 'please', 'pls', 'thanks', 'thank', 'thx', 'hi',
    'hello', 'from', 'just', 'still', 'again', 'does', 'did', 'get', 'got', 'any', 'at', 'be', 'but', 'never', 'we',
    'they', 'our', 'ur', 'u',
  ],
  es: [
    'el', 'los', 'las', 'y', 'está', 'están', 'muy', 'pero', 'ya', 'nadie', 'hola', 'gracias', 'cómo', 'qué',
    'todavía', 'sin', 'también', 'estoy', 'tengo', 'puedo', 'hay', 'usted', 'ustedes', 'llevo', 'nuestro', 'vuestro',
    'muchas',
  ],
  fr: [
    'le', 'les', 'est', 'et', "j'ai", 'vous', 'nous', 'pas', 'pour', 'avec', 'dans', 'sur', 'mon', 'mes',
    'votre', 'vos', "c'est", "n'est", 'très', 'mais', 'toujours', 'bonjour', 'merci', 'au', 'aux', 'depuis',
    'rien', 'personne', 'encore', 'une', 'est-ce', 'suis', 'avez',
  ],
  de: [
    'der', 'das', 'und', 'ist', 'nicht', 'ich', 'mit', 'für', 'auf', 'ein', 'eine', 'einen', 'mein', 'meine', 'sie',
    'wir', 'ihr', 'kein', 'keine', 'keiner', 'noch', 'schon', 'sehr', 'auch', 'aber', 'bei', 'seit', 'immer',
    'danke', 'bitte', 'wo', 'warum', 'habe', 'haben', 'bin', 'sind', 'zu', 'von', 'nach', 'uns',
  ],
  pt: [
    'não', 'nao', 'é', 'uma', 'com', 'minha', 'meu', 'você', 'vocês', 'obrigado', 'obrigada', 'ainda', 'muito',
    'também', 'olá', 'tudo', 'isso', 'isto', 'estou', 'tenho', 'em', 'pela', 'pelo', 'ao', 'às', 'então',
  ],
  nl: [
    'het', 'een', 'niet', 'ik', 'mijn', 'jullie', 'van', 'voor', 'op', 'dat', 'wat', 'nog', 'maar', 'ook', 'geen',
    'bij', 'naar', 'zijn', 'heb', 'hebben', 'wordt', 'kan', 'kunnen', 'bedankt', 'dank', 'steeds', 'wel', 'om', 'hoe',
    'waarom',
  ],
};

const FUNCTION_WORD_LANGUAGE = new Map<string, DetectableLanguage>();
for (const lang of DETECTABLE_LANGUAGES) {
  for (const w of FUNCTION_WORDS[lang]) {
    if (FUNCTION_WORD_LANGUAGE.has(w)) throw new Error(`function word "${w}" listed twice`);
    FUNCTION_WORD_LANGUAGE.set(w, lang);
  }
}

/** Weight of one function word against tinyld's 0..1 accuracy: two function words beat a shaky n-gram guess. */
const FUNCTION_WORD_WEIGHT = 0.2;
const MAX_WORDS = 200;
/**
 * Below this confidence the guess is a coin toss between neighbours (two-word posts: "veramente deluso" comes
 * out Dutch at 0.07); the sentiment analyzer then reads the words as Italian and as English anyway.
 */
export const SURE_LANGUAGE_CONFIDENCE = 0.1;

interface Tinyld {
  detectAll(text: string, opts?: { only?: string[] }): { lang: string; accuracy: number }[];
}
let tinyld: Tinyld | undefined;
function tinyldInstance(): Tinyld {
  // Loaded on first use: its profiles are half a megabyte, and most processes (migrations, CLI) never classify.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  tinyld ??= require('tinyld') as Tinyld;
  return tinyld;
}

export function functionWordVotes(words: readonly string[]): Map<DetectableLanguage, number> {
  const votes = new Map<DetectableLanguage, number>();
  for (const w of new Set(words)) {
    const lang = FUNCTION_WORD_LANGUAGE.get(w.replace(/’/g, "'"));
    if (lang) votes.set(lang, (votes.get(lang) ?? 0) + 1);
  }
  return votes;
}

export interface LanguageGuess {
  language: DetectableLanguage | null;
  /** tinyld's accuracy plus the function-word votes, capped at 1; 0 when language is null. */
  confidence: number;
}

/**
 * The language of the prose of a social text (see parseSocialText). Null when there is nothing to judge (no
 * word of two letters or more once links, mentions, emoji and digits are gone) or when neither tinyld nor the
 * function words recognise anything (a lone rare word: "ok", "refund").
 */
export function guessProseLanguage(prose: string): LanguageGuess {
  // The opening words tell the language as well as the whole; the cap keeps a pasted essay cheap.
  const words = wordsOf(prose).slice(0, MAX_WORDS);
  if (words.length === 0) return { language: null, confidence: 0 };
  const scores = new Map<string, number>();
  for (const { lang, accuracy } of tinyldInstance().detectAll(words.join(' '), { only: [...DETECTABLE_LANGUAGES] })) {
    scores.set(lang, accuracy);
  }
  for (const [lang, votes] of functionWordVotes(words)) {
    scores.set(lang, (scores.get(lang) ?? 0) + votes * FUNCTION_WORD_WEIGHT);
  }
  let best: DetectableLanguage | null = null;
  let bestScore = 0;
  // Ties go to the earlier language of DETECTABLE_LANGUAGES, i.e. to the languages this desk mostly serves.
  for (const lang of DETECTABLE_LANGUAGES) {
    const score = scores.get(lang) ?? 0;
    if (score > bestScore) {
      best = lang;
      bestScore = score;
    }
  }
  return { language: best, confidence: Math.min(1, bestScore) };
}
