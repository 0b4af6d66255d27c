import { useEffect, useState } from 'react';
import { query } from '../../api/client';
import type { Conversation, Page } from '../../api/types';
import { useSession } from '../../auth/session';

/** How many open conversations the sentiment share reads at most (pages of 100, the API's largest). */
export const SENTIMENT_SAMPLE = 300;

export interface OpenSample {
  items: Array<Pick<Conversation, 'sentiment'>>;
  /** True when there were more open conversations than the sample holds. */
  truncated: boolean;
}

/**
 * The sentiment of the open conversations right now, most recently active first: the SLA report has no sentiment,
 * and the conversation list cannot be limited to the report's dates, so this is the nearest honest figure.
 */
export function useOpenSentimentSample(round: number): { data?: OpenSample; error?: Error } {
  const { api } = useSession();
  const [state, setState] = useState<{ data?: OpenSample; error?: Error }>({});
  useEffect(() => {
    const abort = new AbortController();
    (async () => {
      const items: Conversation[] = [];
      let cursor: string | null | undefined;
      do {
        const page = await api<Page<Conversation>>(`/api/conversations${query({ status: 'open', limit: 100, cursor })}`, { signal: abort.signal });
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor && items.length < SENTIMENT_SAMPLE);
      return { items: items.slice(0, SENTIMENT_SAMPLE), truncated: !!cursor || items.length > SENTIMENT_SAMPLE };
    })().then(
      (data) => setState({ data }),
      (error: Error) => error.name !== 'AbortError' && setState({ error }),
    );
    return () => abort.abort();
  }, [api, round]);
  return state;
}
