import { useResource, type Resource } from '../../components/use-resource';
import type { DateRange } from './report-range';
import type { SentimentGroup, SentimentReport } from './report-series';
import { reportPath } from './use-report';

/** `GET /api/reports/sentiment` for the chosen range: the conversations created in it, by sentiment. */
export const useSentimentReport = (range: DateRange | null, groupBy: SentimentGroup): Resource<SentimentReport> =>
  useResource<SentimentReport>(reportPath(range, groupBy, 'sentiment'));
