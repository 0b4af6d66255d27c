import { createHmac } from 'node:crypto';
import { readJsonObject } from '../../http/read-json';
import { hmacSha256, safeEqual } from '../../signing/hmac';
import type { ChannelConfig } from '../../types/channel-type';
import type { NormalizedEvent } from '../../types/normalized-event';
import { WebhookParseError, type HandshakeAnswer, type VerifyResult, type WebhookRequest } from '../../types/webhook-request';
import { checkCredential } from '../shared/delivery-auth';
import { configText, obj, objects, str, type Json } from '../shared/payload-fields';
import { metaId } from './meta-fields';

/**
 * What Facebook, Instagram and WhatsApp webhooks have in common: the hub.challenge subscription check, the
 * X-Hub-Signature-256 HMAC over the raw bytes, and the `{object, entry: [...]}` envelope.
 */
export const META_SIGNATURE_HEADER = 'x-hub-signature-256';
const LEGACY_SIGNATURE_HEADER = 'x-hub-signature';

/** Meta's GET ?hub.mode=subscribe&hub.verify_token=...&hub.challenge=...; null for any request that is not one. */
export function metaHandshake(req: WebhookRequest, config: ChannelConfig): HandshakeAnswer | null {
  const { query } = req;
  const mode = query['hub.mode'];
  const token = query['hub.verify_token'];
  const challenge = query['hub.challenge'];
  if (req.method !== 'GET' || (mode === undefined && token === undefined && challenge === undefined)) return null;
  const expected = configText(config, 'verifyToken');
  const accepted = mode === 'subscribe' && expected !== '' && token !== undefined && safeEqual(token, expected) && challenge !== undefined && challenge !== '';
  if (!accepted) return VERIFICATION_REFUSED;
  return { status: 200, contentType: 'text/plain', body: challenge };
}

/** Meta only reads the status; the body is the desk's error shape, with its stable code, like every other 4xx. */
const VERIFICATION_REFUSED: HandshakeAnswer = {
  status: 403,
  contentType: 'application/json',
  body: JSON.stringify({
    statusCode: 403,
    message: 'hub.verify_token does not match, or hub.mode is not subscribe, or hub.challenge is missing',
    error: 'Forbidden',
    code: 'SIGNATURE_INVALID',
  }),
};

export function metaSignature(appSecret: string, rawBody: Buffer): string {
  return `sha256=${hmacSha256(appSecret, rawBody, 'hex')}`;
}

/** 401 without X-Hub-Signature-256, 403 when it is not the HMAC of these exact bytes with the app secret. */
export function verifyMetaDelivery(req: WebhookRequest, config: ChannelConfig): VerifyResult {
  const secret = configText(config, 'appSecret');
  // Hex digits are case-insensitive; Meta sends lower case, a proxy might not.
  const given = req.headers[META_SIGNATURE_HEADER]?.trim().toLowerCase();
  return checkCredential(given, secret === '' ? undefined : metaSignature(secret, req.rawBody), META_SIGNATURE_HEADER);
}

/** Meta still sends the legacy SHA-1 signature beside the SHA-256 one; a genuine delivery carries both. */
export function signMetaDelivery(rawBody: Buffer, config: ChannelConfig): Record<string, string> {
  const secret = configText(config, 'appSecret');
  return {
    [META_SIGNATURE_HEADER]: metaSignature(secret, rawBody),
    [LEGACY_SIGNATURE_HEADER]: `sha1=${createHmac('sha1', secret).update(rawBody).digest('hex')}`,
  };
}

/**
 * The delivery's entries, after checking it is this product's envelope: `object` names the product (page,
 * instagram, whatsapp_business_account) and `entry` is a list. Entries that are not objects are skipped.
 */
export function metaEntries(req: WebhookRequest, object: string): Json[] {
  const body = readJsonObject(req.rawBody);
  const kind = str(body.object);
  if (kind === undefined) throw new WebhookParseError('not a Meta webhook delivery: no object');
  if (kind !== object) throw new WebhookParseError(`a delivery for object "${kind.slice(0, 64)}", expected "${object}"`);
  if (!Array.isArray(body.entry)) throw new WebhookParseError('entry is not an array');
  return objects(body.entry);
}

/** One `changes[]` item: its field name and value. */
export interface MetaChange {
  field: string;
  value: Json;
}

export function changesOf(entry: Json): MetaChange[] {
  return objects(entry.changes).flatMap((change) => {
    const field = str(change.field);
    const value = obj(change.value);
    return field !== undefined && value !== undefined ? [{ field, value }] : [];
  });
}

/**
 * Messaging items, including `standby`: what customers write while another app (the Page inbox, a bot) holds
 * the thread under the handover protocol still belongs in the desk.
 */
export function messagingOf(entry: Json): Json[] {
  return [...objects(entry.messaging), ...objects(entry.standby)];
}

/** The adapter methods every Meta product shares. */
export const metaWebhookMethods = {
  handshake: metaHandshake,
  verify: verifyMetaDelivery,
  signDelivery: signMetaDelivery,
} as const;

/** Who "we" are in a delivery: the entry's own id (page, IG account) and the configured one. */
export function ownIds(entry: Json, config: ChannelConfig, key: string): string[] {
  const entryId = metaId(entry.id);
  const configured = configText(config, key);
  return [entryId, configured].filter((id): id is string => id !== undefined && id !== '');
}

/** Every event of a batched delivery: each entry gives its own (undefined for items that are nothing to us). */
export function parseMetaDelivery(req: WebhookRequest, object: string, perEntry: (entry: Json) => Array<NormalizedEvent | undefined>): NormalizedEvent[] {
  return metaEntries(req, object)
    .flatMap(perEntry)
    .filter((event): event is NormalizedEvent => event !== undefined);
}
