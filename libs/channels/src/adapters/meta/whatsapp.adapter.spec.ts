import type { NormalizedEvent } from '../../types/normalized-event';
import { fixtureBytes } from '../../testing/fixtures';
import { GRAPH, WHATSAPP_CONFIG, delivery, directMessage, fixtureDelivery, graphResponse, replyContext, type OwnFields } from './meta-delivery.testing';
import { whatsappAdapter } from './whatsapp.adapter';

const WA_ID = '393471234567';
const PHONE_ID = '109876543210987';
const OUR_WAMID = 'wamid.HBgMMzkzNDcxMjM0NTY3FQIAERgSQjk3OUNFQzE2RDBBMzNFMzYwAA==';
const TEXT_WAMID = 'wamid.HBgMMzkzNDcxMjM0NTY3FQIAEhgWM0VCMEMyQTdGNDQ1RjE3QjhBOTlDMQA=';
const LUCA = { id: WA_ID, name: 'Luca Bianchi' };

const parse = (file: string) => whatsappAdapter.parse(fixtureDelivery('whatsapp', file), WHATSAPP_CONFIG);
function value(v: Record<string, unknown>) {
  const body = {
    object: 'whatsapp_business_account',
    entry: [{ id: '102938475610293', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: PHONE_ID }, ...v } }] }],
  };
  return whatsappAdapter.parse(delivery(body), WHATSAPP_CONFIG);
}
const inbound = (message: Record<string, unknown>) =>
  value({ contacts: [{ profile: { name: 'Luca Bianchi' }, wa_id: WA_ID }], messages: [{ from: WA_ID, id: 'wamid.X', timestamp: '1718020000', ...message }] });

/** The exact event of a message from Luca: what all of them share, then its own fields. */
function fromLuca(own: OwnFields): NormalizedEvent {
  return directMessage(WA_ID, { author: LUCA, replyRef: { waId: WA_ID, messageId: own.externalId, phoneNumberId: PHONE_ID }, ...own });
}

const MESSAGE_CASES: Array<[string, string, NormalizedEvent]> = [
  [
    'message_text.json',
    'a text from the customer, named by contacts[]',
    fromLuca({ externalId: TEXT_WAMID, text: 'Buongiorno, il mio ordine #4521 non è ancora arrivato 📦', occurredAt: '2024-06-10T11:46:40.000Z' }),
  ],
  [
    'message_image.json',
    'the caption is the text, the media id is kept',
    fromLuca({
      externalId: 'wamid.HBgMMzkzNDcxMjM0NTY3FQIAEhgWM0VCMDRGRjlBMTIzNDU2Nzg5MEFCAA==',
      text: 'Il pacco è arrivato danneggiato 😞',
      attachments: [
        {
          type: 'image',
          mediaId: '1234567890123456',
          mimeType: 'image/jpeg',
          url: 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1234567890123456&ext=1718020120&hash=ATuXq1yW2vU3tS4r',
        },
      ],
      occurredAt: '2024-06-10T11:48:40.000Z',
    }),
  ],
  [
    'message_reply_context.json',
    'the quoted message (ours) is the parent',
    fromLuca({
      externalId: 'wamid.HBgMMzkzNDcxMjM0NTY3FQIAEhgWM0VCMDlBQkNERUYwMTIzNDU2Nzg5MAA=',
      parentExternalId: OUR_WAMID,
      text: 'Sì grazie, va bene la consegna domani mattina 👍',
      occurredAt: '2024-06-10T11:51:40.000Z',
    }),
  ],
];

describe('whatsappAdapter.parse: messages', () => {
  it.each(MESSAGE_CASES)('%s: %s', (file, _what, expected) => {
    expect(parse(file)).toEqual([expected]);
  });

  it('message_long_text.json: the whole 2,024-character text, untouched', () => {
    const [event] = parse('message_long_text.json');
    const raw = JSON.parse(fixtureBytes('whatsapp', 'message_long_text.json').toString('utf8'));
    expect(event).toMatchObject({ externalId: 'wamid.HBgMMzkzNDcxMjM0NTY3FQIAEhgWM0VCMEZGRUVERENDQkJBQTk5ODg3NwA=', author: LUCA, occurredAt: '2024-06-10T12:01:40.000Z' });
    expect(event!.text).toBe(raw.entry[0].changes[0].value.messages[0].text.body);
    expect(event!.text.startsWith('Buonasera, vi scrivo perché sono davvero amareggiato')).toBe(true);
    expect(event!.text.endsWith('Grazie e buona serata, Luca Bianchi.')).toBe(true);
  });

  it('other message types become readable text or attachments', () => {
    expect(inbound({ type: 'document', document: { id: 'd1', filename: 'scontrino.pdf', mime_type: 'application/pdf', caption: 'ecco' } })[0]).toMatchObject({
      text: 'ecco',
      attachments: [{ type: 'file', mediaId: 'd1', name: 'scontrino.pdf', mimeType: 'application/pdf' }],
    });
    expect(inbound({ type: 'audio', audio: { id: 'a1', mime_type: 'audio/ogg; codecs=opus', voice: true } })[0]).toMatchObject({ text: '', attachments: [{ type: 'audio', mediaId: 'a1' }] });
    expect(inbound({ type: 'sticker', sticker: { id: 's1', mime_type: 'image/webp', animated: false } })[0]!.attachments).toEqual([{ type: 'sticker', mediaId: 's1', mimeType: 'image/webp' }]);
    expect(inbound({ type: 'location', location: { latitude: 41.89, longitude: 12.47, name: 'Colosseo', address: 'Piazza del Colosseo' } })[0]).toMatchObject({
      text: 'Colosseo, Piazza del Colosseo',
      attachments: [{ type: 'location', url: 'https://maps.google.com/?q=41.89,12.47' }],
    });
    expect(inbound({ type: 'contacts', contacts: [{ name: { formatted_name: 'Mario Rossi' }, phones: [{ phone: '+39 333 1234567' }] }] })[0]).toMatchObject({
      text: 'Mario Rossi +39 333 1234567',
      attachments: [{ type: 'contact' }],
    });
    expect(inbound({ type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'yes', title: 'Sì, confermo' } } })[0]!.text).toBe('Sì, confermo');
    expect(inbound({ type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'r2', title: 'Ore 20:30' } } })[0]!.text).toBe('Ore 20:30');
    expect(inbound({ type: 'button', button: { text: 'Stop promozioni', payload: 'STOP' } })[0]!.text).toBe('Stop promozioni');
    expect(inbound({ type: 'unsupported', errors: [{ code: 131051, title: 'Message type unknown' }] })[0]).toMatchObject({ text: '', attachments: [{ type: 'unsupported' }] });
  });

  it('ignores reactions and system notices; reads a contact-less message by its sender', () => {
    expect(inbound({ type: 'reaction', reaction: { message_id: OUR_WAMID, emoji: '👍' } })).toEqual([]);
    expect(inbound({ type: 'system', system: { body: 'changed number' } })).toEqual([]);
    const [anonymous] = value({ messages: [{ from: '4915112345678', id: 'wamid.Y', timestamp: '1718020000', type: 'text', text: { body: 'hallo' } }] });
    expect(anonymous).toMatchObject({ author: { id: '4915112345678' }, threadKey: 'dm:4915112345678', text: 'hallo' });
  });

  it('reads every message and status of a batch', () => {
    const events = value({
      contacts: [
        { profile: { name: 'Luca Bianchi' }, wa_id: WA_ID },
        { profile: { name: 'Anna' }, wa_id: '391111' },
      ],
      messages: [
        { from: '391111', id: 'wamid.A', timestamp: '1718020000', type: 'text', text: { body: 'a' } },
        { from: WA_ID, id: 'wamid.B', timestamp: '1718020001', type: 'text', text: { body: 'b' } },
      ],
      statuses: [{ id: OUR_WAMID, status: 'delivered', timestamp: '1718020002', recipient_id: WA_ID }],
    });
    expect(events.map((e) => [e.op, e.externalId, e.author.name])).toEqual([
      ['create', 'wamid.A', 'Anna'],
      ['create', 'wamid.B', 'Luca Bianchi'],
      ['status', OUR_WAMID, undefined],
    ]);
  });
});

describe('whatsappAdapter.parse: statuses', () => {
  it('status_read.json: our message was read', () => {
    expect(parse('status_read.json')).toEqual<NormalizedEvent[]>([
      {
        op: 'status',
        kind: 'message',
        externalId: OUR_WAMID,
        threadKey: `dm:${WA_ID}`,
        author: { id: PHONE_ID },
        counterpart: { id: WA_ID },
        text: '',
        attachments: [],
        occurredAt: '2024-06-10T11:50:50.000Z',
        isEcho: true,
        status: 'read',
      },
    ]);
  });

  it('status_failed.json: failed with the 131047 re-engagement error', () => {
    expect(parse('status_failed.json')).toEqual([
      expect.objectContaining({
        op: 'status',
        externalId: 'wamid.HBgMMzkzNDcxMjM0NTY3FQIAERgSNkY4RjFBQTI3QjM5RjY0QjEwAA==',
        status: 'failed',
        occurredAt: '2024-06-11T12:46:40.000Z',
        statusError:
          'Re-engagement message (code 131047): Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
      }),
    ]);
  });

  it('keeps sent and delivered, ignores statuses it does not know', () => {
    const status = (s: unknown) => value({ statuses: [{ id: OUR_WAMID, status: s, timestamp: '1718020002', recipient_id: WA_ID }] });
    expect(status('sent')[0]!.status).toBe('sent');
    expect(status('delivered')[0]!.status).toBe('delivered');
    for (const s of ['deleted', 'warning', 'queued', 5]) expect(status(s)).toEqual([]);
    expect(value({ statuses: [{ id: OUR_WAMID, status: 'failed', timestamp: '1' }] })[0]!.statusError).toBe('WhatsApp reported the message as failed');
  });

  it('ignores other fields of the business account', () => {
    const body = { object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'message_template_status_update', value: { event: 'APPROVED' } }] }] };
    expect(whatsappAdapter.parse(delivery(body), WHATSAPP_CONFIG)).toEqual([]);
  });
});

describe('whatsappAdapter.buildReply', () => {
  it('sends a text quoting the answered message', () => {
    const ctx = replyContext('whatsapp', WHATSAPP_CONFIG, { kind: 'message', threadKey: `dm:${WA_ID}` }, { externalId: TEXT_WAMID, replyRef: { waId: WA_ID, messageId: TEXT_WAMID, phoneNumberId: PHONE_ID } });
    const req = whatsappAdapter.buildReply(ctx);
    expect(req).toEqual({
      method: 'POST',
      url: `${GRAPH}/${PHONE_ID}/messages`,
      headers: { 'content-type': 'application/json', authorization: 'Bearer EAAW-token' },
      body: JSON.stringify({
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: WA_ID,
        type: 'text',
        text: { preview_url: false, body: 'Grazie, a presto!' },
        context: { message_id: TEXT_WAMID },
      }),
    });
  });

  it('without an answered message, writes to the thread customer unquoted', () => {
    const req = whatsappAdapter.buildReply(replyContext('whatsapp', WHATSAPP_CONFIG, { kind: 'message', threadKey: `dm:${WA_ID}` }, null));
    const body = JSON.parse(req.body!);
    expect(body.to).toBe(WA_ID);
    expect(body.context).toBeUndefined();
    expect(() => whatsappAdapter.buildReply(replyContext('whatsapp', { ...WHATSAPP_CONFIG, phoneNumberId: undefined }, { kind: 'message', threadKey: `dm:${WA_ID}` }, null))).toThrow(/phoneNumberId/);
  });
});

describe('whatsappAdapter.readReply', () => {
  const ctx = replyContext('whatsapp', WHATSAPP_CONFIG, { kind: 'message', threadKey: `dm:${WA_ID}` }, null);

  it('takes the wamid of the sent message', () => {
    const ok = { messaging_product: 'whatsapp', contacts: [{ input: WA_ID, wa_id: WA_ID }], messages: [{ id: 'wamid.NEW' }] };
    expect(whatsappAdapter.readReply(graphResponse(200, ok), ctx)).toEqual({ outcome: 'sent', externalId: 'wamid.NEW' });
  });

  it('fails on the closed window, retries throughput limits, 429 and 5xx', () => {
    const windowClosed = {
      error: { message: '(#131047) Re-engagement message', type: 'OAuthException', code: 131047, error_data: { messaging_product: 'whatsapp', details: 'More than 24 hours have passed since the recipient last replied.' }, fbtrace_id: 'A' },
    };
    expect(whatsappAdapter.readReply(graphResponse(400, windowClosed), ctx)).toEqual({
      outcome: 'failed',
      error: '400: (#131047) Re-engagement message: More than 24 hours have passed since the recipient last replied. (code 131047)',
    });
    expect(whatsappAdapter.readReply(graphResponse(400, { error: { message: '(#130429) Rate limit hit', code: 130429 } }), ctx)).toMatchObject({ outcome: 'retry' });
    expect(whatsappAdapter.readReply(graphResponse(429, { error: { message: 'Too many', code: 80007 } }, { 'retry-after': '5' }), ctx)).toMatchObject({ outcome: 'retry', retryAfterSeconds: 5 });
    expect(whatsappAdapter.readReply(graphResponse(503, { error: { message: 'Service unavailable', code: 2 } }), ctx)).toMatchObject({ outcome: 'retry' });
  });
});
