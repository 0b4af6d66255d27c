import { fixtureBytes, type FixturePlatform } from '../../testing/fixtures';
import type { ChannelConfig } from '../../types/channel-type';
import type { NormalizedEvent } from '../../types/normalized-event';
import type { HttpResponse, ReplyContext } from '../../types/outbound';
import type { WebhookRequest } from '../../types/webhook-request';

/** Test support for the Meta specs: the README's made-up secrets and ids, and request/response builders. */
export const APP_SECRET = 'test_meta_app_secret_3f9c';
export const GRAPH = 'https://graph.facebook.com/v23.0';

export const FACEBOOK_CONFIG: ChannelConfig = {
  apiBaseUrl: GRAPH,
  pageId: '104857600123456',
  appSecret: APP_SECRET,
  verifyToken: 'fb-verify-token',
  pageAccessToken: 'EAAB-page-token',
  appId: '1517776481860111',
};
export const INSTAGRAM_CONFIG: ChannelConfig = {
  apiBaseUrl: GRAPH,
  igUserId: '17841400123456789',
  appSecret: APP_SECRET,
  verifyToken: 'ig-verify-token',
  accessToken: 'IGQ-token',
};
export const WHATSAPP_CONFIG: ChannelConfig = {
  apiBaseUrl: GRAPH,
  phoneNumberId: '109876543210987',
  appSecret: APP_SECRET,
  verifyToken: 'wa-verify-token',
  accessToken: 'EAAW-token',
};

/** Every Meta fixture with the X-Hub-Signature-256 its README precomputed over the exact bytes. */
export const README_SIGNATURES: Array<[FixturePlatform, string, string]> = [
  ['facebook_page', 'comment_add.json', 'e7d7094842e3001e90a0ab246a6d00805f17bfc1ea0bad01741150250cf19584'],
  ['facebook_page', 'comment_reply_add.json', '719cf486420289f21cae2d16e327299e3489f62ecd76d4059668805c03f15805'],
  ['facebook_page', 'comment_add_photo.json', '18960fb98678f117ea878f25e388fa234788f8e8c6bd7b40a6a353f2fc0b6c1f'],
  ['facebook_page', 'comment_edited.json', 'a553897c5f6a2039f9a5012cd9ac8ecc1747e0fbfe6036e8ed4a7810d946ca93'],
  ['facebook_page', 'comment_remove.json', '90ce7a3de0b14fc5587012753d570622fe148da5ffef343cbff3e98e07ebffda'],
  ['facebook_page', 'comment_by_page_echo.json', 'b0d30ff36ca2c604442324fa963b76bb94c00d872fb70d669220b600abed86f0'],
  ['facebook_page', 'batched_reaction_and_comment.json', 'a9acb1a61d101d5b82410e33611c1f6eaf8501901f043f327937aa2c8420ea34'],
  ['messenger', 'message_text.json', '25cfda51c7f077d74522575d93984f0a7a4ecd162166ad5f451d030baaf549a8'],
  ['messenger', 'message_attachments.json', 'b389abdcc954a100578d840aa1d5a0aa7534e5f60526b42a4a45f97e066eb406'],
  ['messenger', 'message_reply_to.json', '44b8b45359b329b4289455dc8d71c853b923ac17dc2138d8e161e436479eb590'],
  ['messenger', 'message_edit.json', 'a98dd59886b64e83cc06a63a1ba5871b4d39a5dcadaaa78a5c191ad6e509ce7d'],
  ['messenger', 'message_echo.json', 'd9a3bc337d5024315a7d238d43f6d330291f72f03475ed937666ecf071692ec4'],
  ['instagram', 'comment_add.json', '78dc943e2310b506c3af103e51250da9b06d60621b2989639fa0c4eca3dab07e'],
  ['instagram', 'comment_reply.json', '02a2787b337a85a2421ef70f4095adcde3631efa7619433886607722663d1e07'],
  ['instagram', 'comment_reel.json', '9dbcd3768e55c918ad1e9aee4d56b9ab2f944e8fc135d2f7c7a5a58c12ef6d06'],
  ['instagram', 'mention_in_comment.json', 'f0f391f32fc6b3acc07f2287f080710ceb685f23fd8e27fc851d12726873d92b'],
  ['instagram', 'dm_text.json', 'cdd01c4fac4f14a67c469da34022628240b01a242be49b7008b1153b0feaa3c0'],
  ['instagram', 'dm_image.json', '1e2e018240b7b0cb8011dad624a38c254c2cdf56d89ca5476fc8af58f4eb8ba9'],
  ['instagram', 'dm_unsend.json', 'b9154a4f582e5e8a5f340e23900bf52d86938af36426633670f16c7808283f28'],
  ['whatsapp', 'message_text.json', 'df94440d22552bb84a726bd098f6d706ad7e3acf04652beb7b963c2a946d295a'],
  ['whatsapp', 'message_image.json', '916f9292ffc418482267a4e7f297491170b0c946128803356c92f5c2f038e772'],
  ['whatsapp', 'message_reply_context.json', 'c82e5e621bb5cd724df37dc8e93546ac13bcf44953750dc83ba2b35d518ce3b0'],
  ['whatsapp', 'message_long_text.json', 'e8964ce2b54843b96c972114ac17d6fe8b6aab6210391a860c614bbc4e30465b'],
  ['whatsapp', 'status_read.json', '3002c45d80791ae9e80f1d30656baf07c9280cad4fa8413aa9ed794f48aaf0bb'],
  ['whatsapp', 'status_failed.json', '1082bbb58102490680822e90cd8aed9d8abf80be648ae91a14b600589693ba1e'],
];

export function delivery(rawBody: Buffer | string | object, headers: Record<string, string | undefined> = {}): WebhookRequest {
  const bytes = Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(typeof rawBody === 'string' ? rawBody : JSON.stringify(rawBody));
  return { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, query: {}, rawBody: bytes };
}

export function fixtureDelivery(platform: FixturePlatform, file: string): WebhookRequest {
  return delivery(fixtureBytes(platform, file));
}

export function handshakeRequest(query: Record<string, string | undefined>, method: 'GET' | 'POST' = 'GET'): WebhookRequest {
  return { method, headers: {}, query, rawBody: Buffer.alloc(0) };
}

export function graphResponse(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

/** A reply context as the outbox builds it, for a conversation of the given kind and thread key. */
export function replyContext(
  type: string,
  config: ChannelConfig,
  conversation: Pick<ReplyContext['conversation'], 'kind' | 'threadKey'>,
  replyTo: Partial<NonNullable<ReplyContext['replyTo']>> | null,
  text = 'Grazie, a presto!',
): ReplyContext {
  return {
    channel: { id: 'ch_1', type, config },
    conversation: { id: 'conv_1', subject: null, emailToken: 'conv_abc', ...conversation },
    replyTo:
      replyTo === null
        ? null
        : { externalId: '', parentExternalId: null, threadKey: conversation.threadKey, authorExternalId: '', replyRef: {}, ...replyTo },
    contact: null,
    message: { id: 'msg_1', text },
    outboundMessageId: '<out-1@desk>',
  };
}

/** What a fixture's expected event spells out; the rest comes from the builders below. */
export type OwnFields = Partial<NormalizedEvent> & Pick<NormalizedEvent, 'externalId' | 'text' | 'occurredAt'>;

/** The exact event of a direct message from `customer` (Messenger, Instagram): what every DM shares, then its own fields. */
export function directMessage(customer: string, own: OwnFields): NormalizedEvent {
  return {
    op: 'create',
    kind: 'message',
    threadKey: `dm:${customer}`,
    author: { id: customer },
    attachments: [],
    isEcho: false,
    replyRef: { recipientId: customer, mid: own.externalId },
    ...own,
  };
}
