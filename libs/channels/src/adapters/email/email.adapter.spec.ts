import { fixtureBytes } from '../../testing/fixtures';
import { WebhookParseError, type ChannelConfig, type WebhookRequest } from '../../types';
import { emailAdapter } from './email.adapter';
import { emailDateToIso, normalizeSubject } from './inbound-email';

const config: ChannelConfig = {
  apiBaseUrl: 'https://api.postmarkapp.com',
  inboundToken: 'inbound-pass',
  serverToken: 'pm-server-token',
  fromAddress: 'support@inbound.dagino.example',
  mailgunSigningKey: 'test_mailgun_signing_key_5e2a',
};
const basic = (user: string, pass: string): string => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
const AUTH = basic('postmark', 'inbound-pass');

function postmark(body: Buffer | object, authorization: string | null = AUTH): WebhookRequest {
  const rawBody = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
  return { method: 'POST', headers: { 'content-type': 'application/json', authorization: authorization ?? undefined }, query: {}, rawBody };
}
const mailgunFields = (): Record<string, string> => JSON.parse(fixtureBytes('email', 'mailgun_forward_form_fields.json').toString('utf8'));
function mailgun(fields: Record<string, string> = mailgunFields(), headers: Record<string, string | undefined> = {}): WebhookRequest {
  const rawBody = Buffer.from(new URLSearchParams(fields).toString());
  return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: AUTH, ...headers }, query: {}, rawBody };
}
const fixture = (file: string): Buffer => fixtureBytes('email', file);
const fixtureJson = (file: string): Record<string, unknown> => JSON.parse(fixture(file).toString('utf8'));
const only = (req: WebhookRequest, cfg = config) => {
  const events = emailAdapter.parse(req, cfg);
  expect(events).toHaveLength(1);
  return events[0]!;
};

describe('emailAdapter.verify', () => {
  it.each(['postmark_new_thread.json', 'postmark_reply.json', 'postmark_attachment.json'])('accepts %s with the Basic credentials', (file) => {
    expect(emailAdapter.verify(postmark(fixture(file)), config)).toEqual({ ok: true });
  });

  it('accepts any user name, rejects a missing (401) or wrong (403) password', () => {
    const body = fixture('postmark_reply.json');
    expect(emailAdapter.verify(postmark(body, basic('anyone', 'inbound-pass')), config)).toEqual({ ok: true });
    expect(emailAdapter.verify(postmark(body, null), config)).toMatchObject({ ok: false, status: 401 });
    expect(emailAdapter.verify(postmark(body, basic('postmark', 'nope')), config)).toMatchObject({ ok: false, status: 403 });
    expect(emailAdapter.verify(postmark(body, 'Bearer inbound-pass'), config)).toMatchObject({ ok: false, status: 403 });
    expect(emailAdapter.verify(postmark(body, 'Basic aW5ib3VuZC1wYXNz'), config)).toMatchObject({ ok: false, status: 403 }); // no colon
    expect(emailAdapter.verify(postmark(body), { ...config, inboundToken: 'other-secret' })).toMatchObject({ ok: false, status: 403 });
  });

  it('signDelivery produces credentials verify accepts', () => {
    const rawBody = fixture('postmark_new_thread.json');
    const headers = emailAdapter.signDelivery(rawBody, config);
    expect(emailAdapter.verify({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, query: {}, rawBody }, config)).toEqual({ ok: true });
  });

  it('checks the Mailgun signature over timestamp + token when a signing key is configured', () => {
    expect(emailAdapter.verify(mailgun(), config)).toEqual({ ok: true });
    expect(emailAdapter.verify(mailgun({ ...mailgunFields(), token: 'replayed-or-forged' }), config)).toMatchObject({ ok: false, status: 403 });
    expect(emailAdapter.verify(mailgun({ ...mailgunFields(), timestamp: '1718100001' }), config)).toMatchObject({ ok: false, status: 403 });
    expect(emailAdapter.verify(mailgun(), { ...config, mailgunSigningKey: 'wrong-key' })).toMatchObject({ ok: false, status: 403 });
    const { signature: _dropped, ...unsigned } = mailgunFields();
    expect(emailAdapter.verify(mailgun(unsigned), config)).toMatchObject({ ok: false, status: 401 });
    // Basic auth still comes first.
    expect(emailAdapter.verify(mailgun(mailgunFields(), { authorization: undefined }), config)).toMatchObject({ ok: false, status: 401 });
  });

  it('checks the signature even when the form arrives without a content-type', () => {
    const req = mailgun({ ...mailgunFields(), token: 'forged' }, { 'content-type': undefined });
    expect(emailAdapter.verify(req, config)).toMatchObject({ ok: false, status: 403 });
  });

  it('takes Basic auth alone when no Mailgun key is configured', () => {
    expect(emailAdapter.verify(mailgun({ ...mailgunFields(), signature: 'x' }), { ...config, mailgunSigningKey: undefined })).toEqual({ ok: true });
  });

  it('has no handshake', () => {
    expect(emailAdapter.handshake({ method: 'GET', headers: {}, query: {}, rawBody: Buffer.alloc(0) }, config)).toBeNull();
  });
});

describe('emailAdapter.parse: Postmark', () => {
  it('postmark_new_thread.json: a new thread keyed by sender and subject', () => {
    const subject = 'Private dinner for 20 people – 14 September';
    expect(only(postmark(fixture('postmark_new_thread.json')))).toEqual({
      op: 'create',
      kind: 'message',
      externalId: '<CAF8kq1xY2zW3vU4tS5rQ6pO7nM8lK9jI0hG1fE2dC3bA4@mail.gmail.com>',
      threadKey: 'subject:emma.clarke@example.co.uk:private dinner for 20 people – 14 september',
      author: { id: 'emma.clarke@example.co.uk', email: 'emma.clarke@example.co.uk', name: 'Emma Clarke' },
      text: fixtureJson('postmark_new_thread.json').TextBody,
      attachments: [],
      occurredAt: '2024-06-10T10:04:55.000Z',
      isEcho: false,
      subject,
      replyRef: { messageId: '<CAF8kq1xY2zW3vU4tS5rQ6pO7nM8lK9jI0hG1fE2dC3bA4@mail.gmail.com>', references: [], replyTo: 'emma.clarke@example.co.uk', subject },
    });
  });

  it('postmark_reply.json: token, In-Reply-To, References nearest first, stripped reply, Cc', () => {
    const ev = only(postmark(fixture('postmark_reply.json')));
    expect(ev).toEqual({
      op: 'create',
      kind: 'message',
      externalId: '<CAF8kq1xAAbbCCddEEffGGhhIIjjKKllMMnnOOppQQrr@mail.gmail.com>',
      threadKey: 'subject:emma.clarke@example.co.uk:private dinner for 20 people – 14 september',
      parentExternalId: '<out-7f3c2a.1718020000@mail.dagino.example>',
      referenceIds: ['<out-7f3c2a.1718020000@mail.dagino.example>', '<CAF8kq1xY2zW3vU4tS5rQ6pO7nM8lK9jI0hG1fE2dC3bA4@mail.gmail.com>'],
      threadToken: 'conv_8f3a2c',
      author: { id: 'emma.clarke@example.co.uk', email: 'emma.clarke@example.co.uk', name: 'Emma Clarke' },
      text: "Perfetto, il menu B va benissimo 👌 Confermiamo per 22 persone.\nPossiamo pagare l'acconto con bonifico?\n\nEmma",
      attachments: [],
      occurredAt: '2024-06-11T07:12:03.000Z',
      isEcho: false,
      subject: 'Re: Private dinner for 20 people – 14 September',
      replyRef: {
        messageId: '<CAF8kq1xAAbbCCddEEffGGhhIIjjKKllMMnnOOppQQrr@mail.gmail.com>',
        references: ['<CAF8kq1xY2zW3vU4tS5rQ6pO7nM8lK9jI0hG1fE2dC3bA4@mail.gmail.com>', '<out-7f3c2a.1718020000@mail.dagino.example>'],
        replyTo: 'emma.clarke@example.co.uk',
        subject: 'Re: Private dinner for 20 people – 14 September',
        cc: 'marco.clarke@example.it',
      },
    });
  });

  it('postmark_attachment.json: attachment metadata without content, reply to the Reply-To address', () => {
    const ev = only(postmark(fixture('postmark_attachment.json')));
    expect(ev).toMatchObject({
      externalId: '<20240611101530.5F2A1C0B9E@smtp.libero.example>',
      threadKey: 'subject:g.verdi@libero.example:ricevuta bonifico acconto – prenotazione dg-2024-09-14',
      author: { id: 'g.verdi@libero.example', email: 'g.verdi@libero.example', name: 'Giuseppe Verdi' },
      text: "Buongiorno,\nin allegato la ricevuta del bonifico di 200,00 € per l'acconto.\nSaluti,\nGiuseppe Verdi\n",
      attachments: [{ type: 'file', name: 'ricevuta_bonifico.pdf', mimeType: 'application/pdf', size: 82 }],
      occurredAt: '2024-06-11T08:15:30.000Z',
      isEcho: false,
      replyRef: { replyTo: 'amministrazione@verdi-srl.example', references: [] },
    });
    expect(ev.parentExternalId).toBeUndefined();
    expect(ev.threadToken).toBeUndefined();
  });

  it('falls back to Postmark MessageID, then to a hash of From+Date+Subject', () => {
    const body = fixtureJson('postmark_new_thread.json');
    const noHeader = { ...body, Headers: [] };
    expect(only(postmark(noHeader)).externalId).toBe('0c1d2e3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f');
    const hashed = only(postmark({ ...noHeader, MessageID: '' })).externalId;
    expect(hashed).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(only(postmark({ ...noHeader, MessageID: undefined })).externalId).toBe(hashed);
    expect(only(postmark({ ...noHeader, MessageID: '', Subject: 'other' })).externalId).not.toBe(hashed);
    expect(only(postmark(noHeader)).replyRef).not.toHaveProperty('messageId');
  });

  it('reads headers case-insensitively and falls back to TextBody, then HTML, when there is no stripped reply', () => {
    const body = fixtureJson('postmark_reply.json');
    const ev = only(postmark({ ...body, StrippedTextReply: '', Headers: [{ Name: 'message-id', Value: '<a@b>' }, { Name: 'in-reply-to', Value: '<c@d>' }] }));
    expect(ev).toMatchObject({ externalId: '<a@b>', parentExternalId: '<c@d>', text: body.TextBody });
    const html = only(postmark({ ...body, StrippedTextReply: '', TextBody: '', HtmlBody: '<div>Ciao<br>a &amp; b</div><p>x</p>' }));
    expect(html.text).toBe('Ciao\na & b\nx');
  });

  it('marks mail from our own address as an echo with the customer as counterpart', () => {
    const body = fixtureJson('postmark_new_thread.json');
    const ev = only(postmark({ ...body, From: 'Support@Inbound.Dagino.example', FromFull: { Email: 'Support@Inbound.Dagino.example' }, ToFull: [{ Email: 'emma.clarke@example.co.uk' }] }));
    expect(ev).toMatchObject({
      isEcho: true,
      author: { id: 'support@inbound.dagino.example' },
      counterpart: { id: 'emma.clarke@example.co.uk' },
      threadKey: 'subject:emma.clarke@example.co.uk:private dinner for 20 people – 14 september',
    });
    expect(ev.replyRef?.replyTo).toBe('emma.clarke@example.co.uk');
  });

  it('strips NUL characters from text, names and subject', () => {
    const body = fixtureJson('postmark_new_thread.json');
    const ev = only(postmark({ ...body, FromName: 'Em\u0000ma', Subject: 'Hi\u0000', TextBody: 'a\u0000b' }));
    expect([ev.author.name, ev.subject, ev.text]).toEqual(['Emma', 'Hi', 'ab']);
  });

  it("ignores Postmark's other webhooks (bounces, deliveries)", () => {
    expect(emailAdapter.parse(postmark({ RecordType: 'Bounce', MessageID: 'x', Email: 'a@b.example' }), config)).toEqual([]);
  });

  it('throws WebhookParseError for non-JSON, non-objects and mail without a sender', () => {
    for (const raw of ['not json', '[1,2]', '"x"', '{}', '{"From": 42}']) {
      expect(() => emailAdapter.parse(postmark(Buffer.from(raw)), config)).toThrow(WebhookParseError);
    }
    expect(() => emailAdapter.parse({ ...postmark({}), headers: { 'content-type': 'multipart/form-data; boundary=x' } }, config)).toThrow(WebhookParseError);
  });

  it('survives hostile field types', () => {
    const hostile = { From: 'a@b.example', Headers: 'x', Attachments: { 0: 1 }, ToFull: 5, CcFull: [null, 1, 'x'], Subject: ['re'], Date: 12, TextBody: {}, MailboxHash: 3 };
    const ev = only(postmark(hostile));
    expect(ev).toMatchObject({ externalId: expect.stringMatching(/^sha256:/), text: '', subject: '', occurredAt: '', attachments: [] });
    const nested = '{"From":"a@b.example","Headers":' + '['.repeat(5000) + ']'.repeat(5000) + '}';
    expect(() => emailAdapter.parse(postmark(Buffer.from(nested)), config)).not.toThrow();
    const longSubject = only(postmark({ From: 'a@b.example', Subject: 're '.repeat(200_000) + 'x', References: '<'.repeat(100_000) }));
    expect(longSubject.threadKey!.length).toBeLessThan(300);
  });
});

describe('emailAdapter.parse: Mailgun', () => {
  it('mailgun_forward_form_fields.json (urlencoded): plus token, In-Reply-To, stripped text, Date from message-headers', () => {
    expect(only(mailgun())).toEqual({
      op: 'create',
      kind: 'message',
      externalId: '<CAJ5xYzAbCdEfGhIjKlMnOpQrStUvWxYz0123456789@mail.gmail.com>',
      threadKey: 'subject:anna.ferrari@example.it:la tua prenotazione di venerdì',
      parentExternalId: '<out-9d1e4b.1718090000@mail.dagino.example>',
      referenceIds: ['<out-9d1e4b.1718090000@mail.dagino.example>'],
      threadToken: 'conv_2c7d1e',
      author: { id: 'anna.ferrari@example.it', email: 'anna.ferrari@example.it', name: 'Anna Ferrari' },
      text: 'Ciao, possiamo spostare alle 21:00? 🙏',
      attachments: [],
      occurredAt: '2024-06-11T09:59:58.000Z',
      isEcho: false,
      subject: 'Re: La tua prenotazione di venerdì',
      replyRef: {
        messageId: '<CAJ5xYzAbCdEfGhIjKlMnOpQrStUvWxYz0123456789@mail.gmail.com>',
        references: ['<out-9d1e4b.1718090000@mail.dagino.example>'],
        replyTo: 'anna.ferrari@example.it',
        subject: 'Re: La tua prenotazione di venerdì',
      },
    });
  });

  it('is recognised as a form without a content-type too', () => {
    expect(only(mailgun(mailgunFields(), { 'content-type': undefined })).threadToken).toBe('conv_2c7d1e');
  });

  it('falls back to body-plain, the sender field and the delivery timestamp', () => {
    const { from: _f, 'message-headers': _h, 'stripped-text': _s, ...rest } = mailgunFields();
    const ev = only(mailgun(rest));
    expect(ev).toMatchObject({ author: { id: 'anna.ferrari@example.it' }, occurredAt: '2024-06-11T10:00:00.000Z', text: rest['body-plain'] });
    expect(ev.author.name).toBeUndefined();
  });

  it('reads stored attachments, and rejects a form without any sender', () => {
    const attachments = JSON.stringify([{ url: 'https://storage.mailgun.net/v3/x', 'content-type': 'image/jpeg', name: 'menu.jpg', size: 1234 }, 'junk']);
    expect(only(mailgun({ ...mailgunFields(), attachments })).attachments).toEqual([
      { type: 'image', url: 'https://storage.mailgun.net/v3/x', name: 'menu.jpg', mimeType: 'image/jpeg', size: 1234 },
    ]);
    expect(() => emailAdapter.parse(mailgun({ subject: 'x' }), config)).toThrow(WebhookParseError);
  });
});

describe('subject and date normalization', () => {
  it.each([
    ['Re: Fwd: RE:  Private   Dinner ', 'private dinner'],
    ['R: I: AW: TR: Fw: prenotazione', 'prenotazione'],
    ['Re[2]: hello', 'hello'],
    ['Ready: now', 'ready: now'],
    ['', ''],
  ])('%j -> %j', (input, expected) => expect(normalizeSubject(input)).toBe(expected));

  it.each([
    ['Tue, 11 Jun 2024 09:12:03 +0200', '2024-06-11T07:12:03.000Z'],
    ['Tue, 11 Jun 2024 10:00:00 -0000 (UTC)', '2024-06-11T10:00:00.000Z'],
    ['11 Jun 2024 09:12:03 GMT', '2024-06-11T09:12:03.000Z'],
    ['2024-06-11T09:12:03Z', '2024-06-11T09:12:03.000Z'],
    ['yesterday-ish', ''],
  ])('%j -> %j', (input, expected) => expect(emailDateToIso(input)).toBe(expected));
});
