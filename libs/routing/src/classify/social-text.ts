/**
 * Takes a social post apart into what the classifiers read: the prose (without links, @mentions, digits and
 * emoji, which only confuse a language model trained on text), the emoji and emoticons (which carry most of the
 * feeling in short posts) and the hashtags' words ("#MaiPiùConVoi" reads "Mai Più Con Voi").
 */

const URL_RE = /\b(?:https?:\/\/|www\.)\S+/giu;
// An @ that starts a word: "@TelcoIt ciao" loses the handle, "mario@example.com" is left to the URL/word rules.
const MENTION_RE = /(^|[^\p{L}\p{N}_])@[\p{L}\p{N}_.]+/gu;
const HASHTAG_RE = /#([\p{L}\p{N}_]+)/gu;
const EMOJI_RE = /\p{Extended_Pictographic}/gu;
// Emoji dressing that changes no meaning: variation selectors, skin tones, zero-width joiners, keycap marks.
const EMOJI_DRESSING_RE = /[\u{FE0E}\u{FE0F}\u{1F3FB}-\u{1F3FF}\u{200D}\u{20E3}]/gu;
// Classic emoticons, only as stand-alone tokens so that "http://x" or "10:30" are not read as faces.
const EMOTICON_RE = /(?<=^|\s)(?:[:;=]-?[)\]D]+|[:;=]'?-?[([]+|<3+)(?=$|\s|[.,!?])/gu;
const EMOTICON_NAMES: Record<string, string> = { happy: ':)', sad: ':(', heart: '<3' };

export interface SocialText {
  /** Letters, apostrophes and sentence punctuation only: what is left to read as language. */
  prose: string;
  /** Each emoji as its base code point(s), dressing removed, in order; emoticons as ':)', ':(' or '<3'. */
  emoji: string[];
}

function splitCamelCase(tag: string): string {
  return tag.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2').replace(/_/g, ' ');
}

function emoticonName(face: string): string {
  if (face.startsWith('<')) return EMOTICON_NAMES.heart;
  return /[([]/.test(face) ? EMOTICON_NAMES.sad : EMOTICON_NAMES.happy;
}

export function parseSocialText(text: string): SocialText {
  const emoji: string[] = [];
  let rest = text.normalize('NFC').replace(URL_RE, ' ').replace(MENTION_RE, '$1 ');
  rest = rest.replace(EMOTICON_RE, (face) => {
    emoji.push(emoticonName(face));
    return ' ';
  });
  rest = rest.replace(EMOJI_DRESSING_RE, '').replace(EMOJI_RE, (e) => {
    emoji.push(e);
    return ' ';
  });
  rest = rest.replace(HASHTAG_RE, (_m, tag: string) => ` ${splitCamelCase(tag)} `);
  // Digits and symbols say nothing about language or mood; sentence punctuation is kept for negation scope.
  const prose = rest
    .replace(/[^\p{L}\p{M}'’\s.,;:!?¡¿-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return { prose, emoji };
}

/** The words of a prose string (letters only, at least two of them), lower-cased, accents kept. */
export function wordsOf(prose: string): string[] {
  return (prose.toLowerCase().match(/[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu) ?? []).filter((w) => w.length >= 2);
}
