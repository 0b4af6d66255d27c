import { Fragment } from 'react';
import { useI18n } from '../../i18n/i18n';

/** The definitions the desk sends with every report, in the order a reader meets the numbers. */
const TERMS = ['range', 'key', 'conversations', 'firstResponse', 'nextResponse', 'resolution', 'count', 'met', 'breached', 'attainment', 'businessSeconds', 'p50Seconds', 'p90Seconds', 'consistency'] as const;
type Term = (typeof TERMS)[number];
const known = (key: string): key is Term => (TERMS as readonly string[]).includes(key);

/** `code` spans of the server's text (it quotes field names in backticks) as <code>. */
function withCode(text: string) {
  return text.split('`').map((part, i) => (i % 2 ? <code key={i}>{part}</code> : <Fragment key={i}>{part}</Fragment>));
}

/**
 * What each number means. The server's own words are the reference (English: its message is left empty); another
 * language shows its translation of the terms it knows, and the server's text for any term added since.
 */
export function ReportDefinitions({ definitions }: { definitions: Record<string, string> }) {
  const { t } = useI18n();
  const keys = [...TERMS.filter((k) => k in definitions), ...Object.keys(definitions).filter((k) => !known(k))];
  return (
    <details className="card definitions">
      <summary>
        <h2>{t('supervisor.definitions.title')}</h2>
      </summary>
      <dl>
        {keys.map((key) => (
          <div key={key}>
            <dt>{known(key) ? t(`supervisor.term.${key}`) : key}</dt>
            <dd>{withCode((known(key) && t(`supervisor.definition.${key}`)) || definitions[key]!)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
