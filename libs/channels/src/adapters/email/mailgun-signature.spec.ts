import { hmacSha256 } from '../../signing/hmac';
import { fixtureBytes } from '../../testing/fixtures';
import type { ChannelConfig, WebhookRequest } from '../../types';
import { emailAdapter, signedMailgunStamp } from './email.adapter';
import { readMailgunForm } from './mailgun-inbound.parser';
import { mailgunStampOf, signMailgunFields, verifyMailgunFields } from './mailgun-signature';

const KEY = 'test_mailgun_signing_key_5e2a';
const config: ChannelConfig = {
  apiBaseUrl: 'https://api.postmarkapp.com',
  inboundToken: 'inbound-pass',
  serverToken: 'pm-server-token',
  fromAddress: 'support@inbound.dagino.example',
  mailgunSigningKey: KEY,
};
const AUTH = `Basic ${Buffer.from('postmark:inbound-pass').toString('base64')}`;
const fixtureFields = (): Record<string, string> => JSON.parse(fixtureBytes('email', 'mailgun_forward_form_fields.json').toString('utf8'));
const form = (fields: Record<string, string>): Buffer => Buffer.from(new URLSearchParams(fields).toString());
const request = (rawBody: Buffer, contentType: string | undefined = 'application/x-www-form-urlencoded'): WebhookRequest => ({
  method: 'POST',
  headers: { 'content-type': contentType, authorization: AUTH },
  query: {},
  rawBody,
});

describe('signMailgunFields', () => {
  it("signs as Mailgun does: the fixture's own timestamp and token give the fixture's signature", () => {
    const fixture = fixtureFields();
    const signed = signMailgunFields(fixture, KEY, { timestamp: Number(fixture.timestamp), token: fixture.token! });
    expect(signed).toEqual(fixture);
  });

  it('replaces the stamp and signature, keeping every other field', () => {
    const signed = signMailgunFields(fixtureFields(), KEY, { timestamp: 1_900_000_000, token: 'a'.repeat(50) });
    expect(signed).toMatchObject({ timestamp: '1900000000', token: 'a'.repeat(50), subject: fixtureFields().subject });
    expect(signed.signature).not.toBe(fixtureFields().signature);
    expect(emailAdapter.verify(request(form(signed)), config)).toEqual({ ok: true });
  });
});

describe('verifyMailgunFields and mailgunStampOf', () => {
  it('gives the stamp of correctly signed fields only', () => {
    const fields = readMailgunForm(form(fixtureFields()));
    expect(verifyMailgunFields(fields, KEY)).toEqual({ ok: true });
    expect(mailgunStampOf(fields, KEY)).toEqual({ token: '2b90a03befc0b98ae2b641b0080850cada918a2d2f670e0141', timestamp: 1718100000 });
    expect(mailgunStampOf(fields, 'another-key')).toBeUndefined();
    expect(mailgunStampOf(readMailgunForm(form({ ...fixtureFields(), token: 'other' })), KEY)).toBeUndefined();
  });

  it('refuses a signed timestamp that is not Unix seconds (403)', () => {
    for (const timestamp of ['1718100000.5', '-1718100000', 'soon', '1e9', '1'.repeat(13)]) {
      const token = fixtureFields().token!;
      const fields = readMailgunForm(form({ ...fixtureFields(), timestamp, signature: hmacSha256(KEY, timestamp + token, 'hex') }));
      expect(verifyMailgunFields(fields, KEY)).toEqual({ ok: false, status: 403, reason: 'Mailgun timestamp is not Unix seconds' });
      expect(mailgunStampOf(fields, KEY)).toBeUndefined();
    }
  });
});

describe('signedMailgunStamp', () => {
  it('is the verified stamp of a Mailgun form, with or without its content-type', () => {
    const raw = form(fixtureFields());
    expect(signedMailgunStamp(request(raw), config)).toEqual({ token: fixtureFields().token, timestamp: 1718100000 });
    expect(signedMailgunStamp(request(raw, undefined), config)).toEqual({ token: fixtureFields().token, timestamp: 1718100000 });
  });

  it('is undefined for Postmark JSON, for a channel without a signing key, for a bad signature and for multipart', () => {
    expect(signedMailgunStamp(request(fixtureBytes('email', 'postmark_new_thread.json'), 'application/json'), config)).toBeUndefined();
    expect(signedMailgunStamp(request(form(fixtureFields())), { ...config, mailgunSigningKey: undefined })).toBeUndefined();
    expect(signedMailgunStamp(request(form(fixtureFields())), { ...config, mailgunSigningKey: '' })).toBeUndefined();
    expect(signedMailgunStamp(request(form({ ...fixtureFields(), signature: '0'.repeat(64) })), config)).toBeUndefined();
    expect(signedMailgunStamp(request(form(fixtureFields()), 'multipart/form-data; boundary=x'), config)).toBeUndefined();
  });
});
