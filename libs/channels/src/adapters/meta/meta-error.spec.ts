import { metaErrorMessage, metaRetryAfter, readMetaReply } from './meta-error';
import { graphResponse } from './meta-delivery.testing';

const graphError = (code: number, extra: Record<string, unknown> = {}) => ({ error: { message: `(#${code}) boom`, type: 'OAuthException', code, fbtrace_id: 'X', ...extra } });

describe('readMetaReply', () => {
  it.each([4, 17, 32, 613, 80001, 80002, 80006, 80007, 130429, 131056])('retries rate-limit code %i even when sent as a 400', (code) => {
    expect(readMetaReply(graphResponse(400, graphError(code)))).toEqual({ outcome: 'retry', error: `400: (#${code}) boom (code ${code})` });
  });

  it('retries what Meta flags is_transient, and never an ordinary 4xx', () => {
    expect(readMetaReply(graphResponse(400, graphError(100, { is_transient: true })))).toMatchObject({ outcome: 'retry' });
    expect(readMetaReply(graphResponse(400, graphError(100, { is_transient: false })))).toMatchObject({ outcome: 'failed' });
    expect(readMetaReply(graphResponse(401, graphError(190, { error_subcode: 463 })))).toEqual({ outcome: 'failed', error: '401: (#190) boom (code 190, subcode 463)' });
  });

  it('takes the wait from X-Business-Use-Case-Usage when throttled', () => {
    const usage = JSON.stringify({ '104857600123456': [{ type: 'pages', call_count: 100, total_cputime: 20, total_time: 30, estimated_time_to_regain_access: 7 }] });
    expect(readMetaReply(graphResponse(400, graphError(80001), { 'x-business-use-case-usage': usage }))).toMatchObject({ outcome: 'retry', retryAfterSeconds: 420 });
    // A Retry-After header, if any, wins; garbage in the usage header is ignored.
    expect(readMetaReply(graphResponse(429, graphError(4), { 'retry-after': '12', 'x-business-use-case-usage': usage }))).toMatchObject({ retryAfterSeconds: 12 });
    expect(readMetaReply(graphResponse(429, graphError(4), { 'x-business-use-case-usage': '{not json' }))).toEqual({ outcome: 'retry', error: '429: (#4) boom (code 4)' });
  });

  it('retries 5xx, including a non-JSON gateway page', () => {
    expect(readMetaReply({ status: 502, headers: {}, body: '<html>Bad Gateway</html>' })).toEqual({ outcome: 'retry', error: '502: <html>Bad Gateway</html>' });
    expect(readMetaReply({ status: 503, headers: {}, body: '' })).toEqual({ outcome: 'retry', error: '503: HTTP 503' });
  });

  it('reads the sent id from comments, the Send API and WhatsApp', () => {
    expect(readMetaReply(graphResponse(200, { id: 'c_1' }))).toEqual({ outcome: 'sent', externalId: 'c_1' });
    expect(readMetaReply(graphResponse(200, { recipient_id: '1', message_id: 'm_1' }))).toEqual({ outcome: 'sent', externalId: 'm_1' });
    expect(readMetaReply(graphResponse(200, { messaging_product: 'whatsapp', messages: [{ id: 'wamid.1' }] }))).toEqual({ outcome: 'sent', externalId: 'wamid.1' });
    expect(readMetaReply(graphResponse(200, 'not json'))).toEqual({ outcome: 'sent', externalId: undefined });
  });
});

describe('metaErrorMessage', () => {
  it("adds WhatsApp's details or the user message, once", () => {
    expect(metaErrorMessage({ error: { message: 'Re-engagement message', code: 131047, error_data: { details: 'More than 24 hours have passed.' } } })).toBe(
      'Re-engagement message: More than 24 hours have passed. (code 131047)',
    );
    expect(metaErrorMessage({ error: { message: 'Same', error_user_msg: 'Same', code: 1 } })).toBe('Same (code 1)');
    expect(metaErrorMessage({ error: { code: 2 } })).toBe('Graph API error (code 2)');
    expect(metaErrorMessage({ error: {} })).toBeUndefined();
    expect(metaErrorMessage({ error: 'x' })).toBeUndefined();
    expect(metaErrorMessage(undefined)).toBeUndefined();
  });

  it('ignores an oversized usage header', () => {
    expect(metaRetryAfter(graphResponse(400, {}, { 'x-business-use-case-usage': `{"a":[${'{},'.repeat(5000)}{}]}` }))).toBeUndefined();
  });
});
