import type { HttpResponse, ReplyContext } from '../../types';
import { emailAdapter } from './email.adapter';
import { replySubject } from './postmark-reply';

const OUR_ID = '<out-1b2c3d4e@inbound.dagino.example>';

function replyContext(replyRef: Record<string, string | string[] | undefined> | null, fromAddress = 'support@inbound.dagino.example'): ReplyContext {
  return {
    channel: { id: 'ch-1', type: 'email', config: { apiBaseUrl: 'https://api.postmarkapp.com', serverToken: 'pm-server-token', fromAddress, inboundToken: 'x' } },
    conversation: { id: 'conv-1', kind: 'message', threadKey: 'subject:x', subject: 'Private dinner', emailToken: 'conv_8f3a2c' },
    replyTo: replyRef && { externalId: String(replyRef.messageId ?? 'sha256:1'), parentExternalId: null, threadKey: 'subject:x', authorExternalId: 'emma.clarke@example.co.uk', replyRef },
    contact: { externalId: 'emma.clarke@example.co.uk', name: 'Emma Clarke', username: null, email: 'emma.clarke@example.co.uk' },
    message: { id: 'msg-1', text: 'Certo, il bonifico va benissimo.' },
    outboundMessageId: OUR_ID,
  };
}
const res = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({ status, headers, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('emailAdapter.buildReply (Postmark /email)', () => {
  it('threads the reply: Message-ID, In-Reply-To, References, Re: subject, plus-addressed Reply-To, Cc', () => {
    const ctx = replyContext({
      messageId: '<CAF8kq1xAAbb@mail.gmail.com>',
      references: ['<CAF8kq1xY2z@mail.gmail.com>', '<out-7f3c2a.1718020000@mail.dagino.example>'],
      replyTo: 'emma.clarke@example.co.uk',
      subject: 'Re: Private dinner for 20 people',
      cc: 'marco.clarke@example.it',
    });
    const req = emailAdapter.buildReply(ctx);
    expect(req).toMatchObject({
      method: 'POST',
      url: 'https://api.postmarkapp.com/email',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'X-Postmark-Server-Token': 'pm-server-token' },
    });
    expect(JSON.parse(req.body!)).toEqual({
      From: 'support@inbound.dagino.example',
      To: 'emma.clarke@example.co.uk',
      Cc: 'marco.clarke@example.it',
      Subject: 'Re: Private dinner for 20 people',
      TextBody: 'Certo, il bonifico va benissimo.',
      ReplyTo: 'support+conv_8f3a2c@inbound.dagino.example',
      Headers: [
        { Name: 'Message-ID', Value: OUR_ID },
        { Name: 'In-Reply-To', Value: '<CAF8kq1xAAbb@mail.gmail.com>' },
        { Name: 'References', Value: '<CAF8kq1xY2z@mail.gmail.com> <out-7f3c2a.1718020000@mail.dagino.example> <CAF8kq1xAAbb@mail.gmail.com>' },
      ],
      MessageStream: 'outbound',
    });
  });

  it('answers the Reply-To address, keeps a display-name From, and adds Re: once', () => {
    const ctx = replyContext({ messageId: '<a@b>', references: [], replyTo: 'amministrazione@verdi-srl.example', subject: 'Ricevuta bonifico' }, 'Trattoria Da Gino <support@dagino.example>');
    const body = JSON.parse(emailAdapter.buildReply(ctx).body!);
    expect(body).toMatchObject({
      From: 'Trattoria Da Gino <support@dagino.example>',
      To: 'amministrazione@verdi-srl.example',
      Subject: 'Re: Ricevuta bonifico',
      ReplyTo: 'support+conv_8f3a2c@dagino.example',
      Headers: [{ Name: 'Message-ID', Value: OUR_ID }, { Name: 'In-Reply-To', Value: '<a@b>' }, { Name: 'References', Value: '<a@b>' }],
    });
    expect(body).not.toHaveProperty('Cc');
    expect(replySubject('RE: x')).toBe('RE: x');
    expect(replySubject('Fwd: x')).toBe('Re: Fwd: x');
  });

  it('without a known Message-ID sends only our own; without a replied message uses the contact and conversation subject', () => {
    const body = JSON.parse(emailAdapter.buildReply(replyContext(null)).body!);
    expect(body).toMatchObject({ To: 'emma.clarke@example.co.uk', Subject: 'Re: Private dinner', Headers: [{ Name: 'Message-ID', Value: OUR_ID }] });
  });

  it('throws (a permanent failure) when there is no recipient or no valid fromAddress', () => {
    const noContact = { ...replyContext(null), contact: null };
    expect(() => emailAdapter.buildReply(noContact)).toThrow('no e-mail address');
    expect(() => emailAdapter.buildReply(replyContext({ replyTo: 'a@b.example' }, 'not an address'))).toThrow('fromAddress');
  });
});

describe('emailAdapter.readReply', () => {
  const ctx = replyContext({ messageId: '<a@b>', replyTo: 'a@b.example' });

  it('records a success under our own Message-ID', () => {
    const ok = res(200, { To: 'a@b.example', SubmittedAt: '2024-06-11T09:00:00Z', MessageID: 'b7bc2f4a-e38e-4336-af7d-e6c392c2f817', ErrorCode: 0, Message: 'OK' });
    expect(emailAdapter.readReply(ok, ctx)).toEqual({ outcome: 'sent', externalId: OUR_ID });
  });

  it("fails for good on 422 with Postmark's message, and on a 200 carrying an error code", () => {
    expect(emailAdapter.readReply(res(422, { ErrorCode: 300, Message: "Invalid 'To' address: 'x'." }), ctx)).toEqual({ outcome: 'failed', error: "422: Invalid 'To' address: 'x'." });
    expect(emailAdapter.readReply(res(200, { ErrorCode: 406, Message: 'Inactive recipient' }), ctx)).toEqual({ outcome: 'failed', error: '200: Inactive recipient' });
    expect(emailAdapter.readReply(res(401, { ErrorCode: 10, Message: 'Request does not contain a valid Server token.' }), ctx)).toMatchObject({ outcome: 'failed' });
  });

  it('retries 429 (after Retry-After) and 5xx', () => {
    expect(emailAdapter.readReply(res(429, { ErrorCode: 429, Message: 'Rate limit exceeded' }, { 'retry-after': '30' }), ctx)).toEqual({
      outcome: 'retry',
      error: '429: Rate limit exceeded',
      retryAfterSeconds: 30,
    });
    expect(emailAdapter.readReply(res(503, 'Service Unavailable'), ctx)).toEqual({ outcome: 'retry', error: '503: Service Unavailable' });
  });
});
