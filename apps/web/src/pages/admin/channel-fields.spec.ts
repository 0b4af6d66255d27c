import { CHANNEL_CONFIG_FIELDS } from '../../../../../libs/channels/src/types/channel-type';
import { CHANNEL_TYPES } from '../../api/types';
import { admin } from '../../i18n/messages/admin';
import { CHANNEL_FIELDS, configForCreate, configForEdit, fieldHintKey, fieldLabelKey, fieldsOf, registerKey, registrationUrl, valuesFrom } from './channel-fields';

describe('the channel form’s field table', () => {
  it('types the sender address as an e-mail and every other plain field as text, keeping secrets and required ones', () => {
    expect(CHANNEL_FIELDS.email.find((f) => f.name === 'fromAddress')).toEqual({ name: 'fromAddress', secret: false, required: true, kind: 'email' });
    expect(CHANNEL_FIELDS.telegram).toEqual([
      { name: 'botToken', secret: true, required: true, kind: 'text' },
      { name: 'secretToken', secret: true, required: true, kind: 'text' },
    ]);
    expect(CHANNEL_FIELDS.youtube.find((f) => f.name === 'pollSeconds')?.kind).toBe('seconds');
    expect(CHANNEL_FIELDS.api.find((f) => f.name === 'replyUrl')).toEqual({ name: 'replyUrl', secret: false, required: false, kind: 'url' });
    for (const type of CHANNEL_TYPES) expect(CHANNEL_FIELDS[type].map((f) => f.name)).toEqual(CHANNEL_CONFIG_FIELDS[type].map((f) => f.name));
  });

  it('has a label, a hint and registration steps for every field of every type, in English and Italian', () => {
    const missing: string[] = [];
    for (const type of CHANNEL_TYPES) {
      const keys = [registerKey(type), ...fieldsOf(type).flatMap((f) => [fieldLabelKey(f.name), fieldHintKey(type, f.name)])];
      for (const key of keys) for (const lang of ['en', 'it'] as const) if (!(admin[lang] as Record<string, string>)[key]) missing.push(`${lang} ${key}`);
    }
    expect(missing).toEqual([]);
  });

  it('keeps secrets out of the starting values and shows public settings as text', () => {
    expect(valuesFrom('youtube', { channelId: 'UC1', pollSeconds: 120 })).toEqual({ channelId: 'UC1', accessToken: '', pollSeconds: '120', apiBaseUrl: '' });
  });
});

describe('the config sent for a new channel', () => {
  it('holds the filled fields, trimmed, with seconds as a number', () => {
    expect(configForCreate('youtube', { channelId: ' UC1 ', accessToken: 'tok', pollSeconds: '90', apiBaseUrl: '' })).toEqual({ channelId: 'UC1', accessToken: 'tok', pollSeconds: 90 });
  });

  it('leaves out empty fields, so the server names the missing required ones, and sends unreadable seconds as typed', () => {
    expect(configForCreate('telegram', { botToken: '', secretToken: 's' })).toEqual({ secretToken: 's' });
    expect(configForCreate('youtube', { channelId: 'UC1', accessToken: 't', pollSeconds: 'soon' })).toEqual({ channelId: 'UC1', accessToken: 't', pollSeconds: 'soon' });
  });
});

describe('the config sent when editing a channel', () => {
  const settings = { pageId: '123', appId: '77' };

  it('keeps a secret left empty and replaces one typed in', () => {
    const values = { ...valuesFrom('facebook', settings), pageAccessToken: 'new-token' };
    expect(configForEdit('facebook', values, settings)).toEqual({ pageAccessToken: 'new-token' });
  });

  it('removes an emptied optional setting and sends an emptied required one empty for the server to refuse', () => {
    const values = { ...valuesFrom('facebook', settings), appId: '', pageId: '' };
    expect(configForEdit('facebook', values, settings)).toEqual({ appId: null, pageId: '' });
  });

  it('sends a changed setting and removes an optional secret only when asked', () => {
    const values = { ...valuesFrom('email', { fromAddress: 'a@x.example' }), fromAddress: 'b@x.example' };
    expect(configForEdit('email', values, { fromAddress: 'a@x.example' })).toEqual({ fromAddress: 'b@x.example' });
    expect(configForEdit('email', values, { fromAddress: 'a@x.example' }, new Set(['mailgunSigningKey', 'serverToken']))).toEqual({ fromAddress: 'b@x.example', mailgunSigningKey: null });
  });
});

describe('what to register once a channel exists', () => {
  const placeholders = { botToken: '<bot>', secretToken: '<secret>', inboundToken: '<inbound>' };

  it('gives Telegram’s setWebhook call with the webhook URL encoded', () => {
    expect(registrationUrl('telegram', 'https://desk.example/webhooks/abc', placeholders)).toBe(
      'https://api.telegram.org/bot<bot>/setWebhook?url=https%3A%2F%2Fdesk.example%2Fwebhooks%2Fabc&secret_token=<secret>',
    );
  });

  it('puts the basic-auth credentials into the e-mail webhook URL, and has nothing extra for the others', () => {
    expect(registrationUrl('email', 'https://desk.example/webhooks/abc', placeholders)).toBe('https://postmark:<inbound>@desk.example/webhooks/abc');
    expect(registrationUrl('facebook', 'https://desk.example/webhooks/abc', placeholders)).toBeNull();
  });
});
