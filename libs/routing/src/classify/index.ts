// PLACEHOLDER until the classification helper lands: the API is fixed, the implementation is not.
export type Sentiment = 'negative' | 'neutral' | 'positive';

export interface Classification {
  /** ISO 639-1, or null when the text has no words to judge (emoji only, a link). */
  language: string | null;
  sentiment: Sentiment;
  /** The score behind the sentiment, roughly -1..1. */
  sentimentScore: number;
}

export async function classifyText(text: string): Promise<Classification> {
  void text;
  return { language: null, sentiment: 'neutral', sentimentScore: 0 };
}

export type Influence = 'none' | 'low' | 'medium' | 'high' | 'very_high';

export function influenceOf(followers: number | null | undefined): Influence {
  void followers;
  return 'none';
}
