import { SURE_LANGUAGE_CONFIDENCE, guessProseLanguage } from './language.detector';
import { analyzeSentiment, type Sentiment } from './sentiment.analyzer';
import { parseSocialText } from './social-text';

export type { Sentiment } from './sentiment.analyzer';
export { SENTIMENT_LANGUAGES, SENTIMENT_THRESHOLD } from './sentiment.analyzer';
export {
  DETECTABLE_LANGUAGES,
  type DetectableLanguage,
  type LanguageGuess,
  guessProseLanguage,
} from './language.detector';
// Influence is part of how the inbox shows a contact; it is re-exported here as one of the classifier's outputs.
export { influenceOf, type Influence } from '@app/inbox';

export interface Classification {
  /** ISO 639-1, or null when the text has no words to judge (emoji only, a link). */
  language: string | null;
  sentiment: Sentiment;
  /** The score behind the sentiment, roughly -1..1. */
  sentimentScore: number;
}

/**
 * Language and sentiment of one inbound text: a few map look-ups after the first call, which loads the language
 * profiles and dictionaries once (see warmUpClassifier).
 */
export function classifyText(text: string): Classification {
  const parsed = parseSocialText(text ?? '');
  const { language, confidence } = guessProseLanguage(parsed.prose);
  const { sentiment, score } = analyzeSentiment(parsed, language, confidence >= SURE_LANGUAGE_CONFIDENCE);
  return { language, sentiment, sentimentScore: score };
}

/**
 * Loads the language profiles and dictionaries now rather than on the first inbound message: the first call
 * costs about 0.1-0.2 s (mostly tinyld's profiles), which should not land inside an ingestion transaction.
 * Call it once at boot (e.g. from a module's onModuleInit); later calls do nothing.
 */
export function warmUpClassifier(): void {
  classifyText('Grazie, tutto ok 👍 thanks');
}
