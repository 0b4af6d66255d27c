import { classifyResponse } from '../../http/classify-response';
import type { HttpResponse, SendOutcome } from '../../types/outbound';
import { at, num, objects, obj, str } from '../shared/payload-fields';
import { tryJson } from '../../http/read-json';

/**
 * Graph error codes that mean "not now" rather than "never", even when sent with a 400: the rate limits (4 app,
 * 17 user, 32 page, 613 custom, 80001-80009 business use case, WhatsApp 130429 throughput and 131056 pair rate),
 * and 1/2 (temporary API failure).
 */
const TRANSIENT_CODES = new Set([1, 2, 4, 17, 32, 613, 80001, 80002, 80003, 80004, 80005, 80006, 80007, 80008, 80009, 130429, 131056]);

const MAX_USAGE_HEADER = 10_000;

/** Meta's `{error:{message, code, error_subcode, error_user_msg, error_data, is_transient}}` as one line for the agent. */
export function metaErrorMessage(body: unknown): string | undefined {
  const error = obj(at(body, 'error'));
  if (error === undefined) return undefined;
  const message = str(error.message);
  const code = num(error.code);
  const subcode = num(error.error_subcode);
  // WhatsApp explains in error_data.details, the other products in error_user_msg.
  const detail = str(at(error, 'error_data', 'details')) ?? str(error.error_user_msg);
  const codes = code === undefined ? '' : ` (code ${code}${subcode === undefined ? '' : `, subcode ${subcode}`})`;
  const text = [message, detail !== message ? detail : undefined].filter((part) => part !== undefined && part !== '').join(': ');
  if (text === '' && codes === '') return undefined;
  return `${text || 'Graph API error'}${codes}`.slice(0, 1000);
}

export function isTransientMetaError(body: unknown): boolean {
  const code = num(at(body, 'error', 'code'));
  return at(body, 'error', 'is_transient') === true || (code !== undefined && TRANSIENT_CODES.has(code));
}

/**
 * Meta sends no Retry-After; a throttled business use case says in X-Business-Use-Case-Usage how many minutes
 * remain (`estimated_time_to_regain_access`), per business id and call type.
 */
export function metaRetryAfter(res: HttpResponse): number | undefined {
  const header = res.headers['x-business-use-case-usage'];
  if (header === undefined || header.length > MAX_USAGE_HEADER) return undefined;
  const usage = obj(tryJson(header));
  if (usage === undefined) return undefined;
  let minutes = 0;
  for (const entries of Object.values(usage)) {
    for (const entry of objects(entries)) minutes = Math.max(minutes, num(entry.estimated_time_to_regain_access) ?? 0);
  }
  return minutes > 0 ? Math.ceil(minutes * 60) : undefined;
}

/** Every Meta send answers with the new object's id: `id` (comments), `message_id` (Send API), `messages[0].id` (WhatsApp). */
export function readMetaReply(res: HttpResponse): SendOutcome {
  return classifyResponse(res, {
    id: (body) => str(at(body, 'message_id')) ?? str(at(body, 'id')) ?? str(at(objects(at(body, 'messages'))[0], 'id')),
    error: metaErrorMessage,
    transient: isTransientMetaError,
    retryAfter: (_body, r) => metaRetryAfter(r),
  });
}
