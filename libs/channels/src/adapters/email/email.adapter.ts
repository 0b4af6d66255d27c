import { hmacSha256, safeEqual } from '../../signing/hmac';
import type { ChannelAdapter, ChannelConfig, NormalizedEvent, VerifyResult, WebhookRequest } from '../../types';
import { WebhookParseError } from '../../types/webhook-request';
import { toEmailEvent } from './inbound-email';
import { parseMailgunInbound, readMailgunForm } from './mailgun-inbound.parser';
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

/** Mailgun signs form fields, not the body: `signature = hex HMAC-SHA256(key, timestamp + token)`. */
function verifyMailgunSignature(req: WebhookRequest, key: string): VerifyResult {
  const fields = readMailgunForm(req.rawBody);
  const [timestamp, token, signature] = [fields.get('timestamp'), fields.get('token'), fields.get('signature')];
  if (!timestamp || !token || !signature) return { ok: false, status: 401, reason: 'missing Mailgun timestamp, token or signature' };
  if (!safeEqual(signature.toLowerCase(), hmacSha256(key, timestamp + token, 'hex'))) return { ok: false, status: 403, reason: 'wrong Mailgun signature' };
  return { ok: true };
}

export const emailAdapter: ChannelAdapter = {
  type: 'email',

  handshake: () => null,

  verify(req, config) {
    const auth = verifyBasicAuth(req, config);
    if (!auth.ok) return auth;
    const key = config.mailgunSigningKey;
    let format: InboundFormat;
    try {
      format = formatOf(req);
    } catch {
      return auth; // parse() answers the unsupported format with a 400
    }
    return format === 'mailgun' && typeof key === 'string' && key !== '' ? verifyMailgunSignature(req, key) : auth;
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
