import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChannelConfig, ChannelType, WebhookRequest } from '@app/channels';
import { freshness, signedStampOf } from './webhook-replay-guard';

describe('freshness', () => {
  const t = 1_718_100_000; // the Mailgun fixture's timestamp, 2024-06-11T10:00:00Z
  const at = (secondsFromT: number) => new Date((t + secondsFromT) * 1000);

  it('accepts a timestamp up to the window away, either way, the boundary included', () => {
    for (const offset of [0, 1, -1, 899, -899, 900, -900, 900.999]) expect(freshness(t, at(offset), 900)).toEqual({ fresh: true });
  });

  it('refuses one a second beyond the window, in the past or in the future, saying which', () => {
    expect(freshness(t, at(901), 900)).toEqual({ fresh: false, reason: 'the signed timestamp is 901 s old, more than the 900 s allowed' });
    expect(freshness(t, at(-901), 900)).toEqual({ fresh: false, reason: 'the signed timestamp is 901 s in the future, more than the 900 s allowed' });
    expect(freshness(t, new Date('2026-01-01T00:00:00Z'), 900)).toMatchObject({ fresh: false });
    expect(freshness(t, at(61), 60)).toMatchObject({ fresh: false });
    expect(freshness(t, at(60), 60)).toEqual({ fresh: true });
  });

  it('takes anything when the window is 0 (off)', () => {
    expect(freshness(t, new Date('2099-01-01T00:00:00Z'), 0)).toEqual({ fresh: true });
    expect(freshness(0, new Date(), 0)).toEqual({ fresh: true });
    expect(freshness(Number.NaN, new Date(), 0)).toEqual({ fresh: true });
  });

  it('refuses a timestamp that is not a number while the window is on', () => {
    expect(freshness(Number.NaN, at(0), 900)).toEqual({ fresh: false, reason: 'the signed timestamp is not a time' });
  });
});

describe('signedStampOf', () => {
  const fields: Record<string, string> = JSON.parse(
    readFileSync(join(__dirname, '../../../../test/fixtures/channels/email/mailgun_forward_form_fields.json'), 'utf8'),
  );
  const config = {
    apiBaseUrl: 'https://api.postmarkapp.com',
    inboundToken: 'inbound-pass',
    serverToken: 's',
    fromAddress: 'support@dagino.example',
    mailgunSigningKey: 'test_mailgun_signing_key_5e2a',
  } as ChannelConfig;
  const req: WebhookRequest = {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from('postmark:inbound-pass').toString('base64')}` },
    query: {},
    rawBody: Buffer.from(new URLSearchParams(fields).toString()),
  };

  it("is a verified Mailgun form's timestamp and token on an e-mail channel", () => {
    expect(signedStampOf('email', req, config)).toEqual({ token: fields.token, timestamp: 1718100000 });
  });

  it('is undefined for every other channel type, and for an e-mail channel without a Mailgun key', () => {
    for (const type of ['facebook', 'instagram', 'whatsapp', 'x', 'telegram', 'youtube', 'linkedin', 'api'] as ChannelType[]) {
      expect(signedStampOf(type, req, config)).toBeUndefined();
    }
    expect(signedStampOf('email', req, { ...config, mailgunSigningKey: undefined })).toBeUndefined();
  });
});
