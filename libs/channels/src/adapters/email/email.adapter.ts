import { safeEqual } from '../../signing/hmac';
import type { ChannelAdapter, ChannelConfig, NormalizedEvent, VerifyResult, WebhookRequest } from '../../types';
import { WebhookParseError } from '../../types/webhook-request';
import { toEmailEvent } from './inbound-email';
import { parseMailgunInbound, readMailgunForm } from './mailgun-inbound.parser';
import { mailgunStampOf, verifyMailgunFields, type MailgunStamp } from './mailgun-signature';
import { parsePostmarkInbound } from './postmark-inbound.parser';
import { buildPostmarkReply, readPostmarkReply } from './postmark-reply';

type InboundFormat = 'postmark' | 'mailgun';

/**
 * Which provider sent the delivery. verify() and parse() share this one decision, so a form body cannot skip
 * the Mailgun signature by leaving out its content-type.
 */
function formatOf(req: WebhookRequest): InboundFormat {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (type.includes('multipart/form-data')) {
    throw new WebhookParseError('multipart deliveries are not supported: forward Mailgun mail as application/x-www-form-urlencoded');
  }
  if (type.includes('application/x-www-form-urlencoded')) return 'mailgun';
  if (type.includes('json')) return 'postmark';
  return /^\s*\{/.test(req.rawBody.subarray(0, 64).toString('utf8')) ? 'postmark' : 'mailgun';
}

/** Neither provider signs the body: the webhook URL carries HTTP Basic credentials whose password is the inbound token. */
function verifyBasicAuth(req: WebhookRequest, config: ChannelConfig): VerifyResult {
  const header = req.headers.authorization;
  if (!header) return { ok: false, status: 401, reason: 'missing Basic authorization' };
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  const decoded = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
  const password = decoded.includes(':') ? decoded.slice(decoded.indexOf(':') + 1) : '';
  const expected = String(config.inboundToken ?? '');
  if (!match || expected === '' || !safeEqual(password, expected)) return { ok: false, status: 403, reason: 'wrong Basic authorization' };
  return { ok: true };
}

/** The Mailgun signing key when this delivery is a Mailgun form that verify() checks by its signature. */
function mailgunKeyFor(req: WebhookRequest, config: ChannelConfig): string | undefined {
  const key = config.mailgunSigningKey;
  if (typeof key !== 'string' || key === '') return undefined;
  try {
    return formatOf(req) === 'mailgun' ? key : undefined;
  } catch {
    return undefined; // parse() answers the unsupported format with a 400
  }
}

/**
 * The signed timestamp and one-time token of a Mailgun delivery whose signature verify() checks (a form, on a
 * channel with `mailgunSigningKey`); undefined for Postmark, for a channel without the key, or a bad signature.
 * Mailgun signs only these two fields, not the mail: the caller refuses a stale timestamp (by its clock) and a
 * token it has already accepted (in its database), which this pure adapter cannot.
 */
export function signedMailgunStamp(req: WebhookRequest, config: ChannelConfig): MailgunStamp | undefined {
  const key = mailgunKeyFor(req, config);
  return key === undefined ? undefined : mailgunStampOf(readMailgunForm(req.rawBody), key);
}

export const emailAdapter: ChannelAdapter = {
  type: 'email',

  handshake: () => null,

  verify(req, config) {
    const auth = verifyBasicAuth(req, config);
    if (!auth.ok) return auth;
    // Mailgun signs form fields, not the body: `signature = hex HMAC-SHA256(key, timestamp + token)`.
    const key = mailgunKeyFor(req, config);
    return key === undefined ? auth : verifyMailgunFields(readMailgunForm(req.rawBody), key);
  },

  parse(req, config): NormalizedEvent[] {
    const mail = formatOf(req) === 'postmark' ? parsePostmarkInbound(req.rawBody) : parseMailgunInbound(req.rawBody);
    return mail ? [toEmailEvent(mail, config)] : [];
  },

  buildReply: buildPostmarkReply,
  readReply: readPostmarkReply,

  signDelivery(_rawBody, config) {
    return { authorization: `Basic ${Buffer.from(`postmark:${String(config.inboundToken ?? '')}`, 'utf8').toString('base64')}` };
  },
};
