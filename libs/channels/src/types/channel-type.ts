/** The nine channel types of the contract, and each one's config: which keys exist, which are secret, which are required. */
export const CHANNEL_TYPES = ['facebook', 'instagram', 'whatsapp', 'x', 'telegram', 'youtube', 'linkedin', 'email', 'api'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export interface ConfigField {
  name: string;
  /** Secret fields are encrypted at rest and never returned by the API. */
  secret: boolean;
  required: boolean;
  kind: 'string' | 'url' | 'seconds';
}

const s = (name: string, required = true): ConfigField => ({ name, secret: true, required, kind: 'string' });
const p = (name: string, required = true): ConfigField => ({ name, secret: false, required, kind: 'string' });
const url = (name: string): ConfigField => ({ name, secret: false, required: false, kind: 'url' });

export const CHANNEL_CONFIG_FIELDS: Record<ChannelType, ConfigField[]> = {
  facebook: [p('pageId'), s('appSecret'), s('verifyToken'), s('pageAccessToken'), p('appId', false)],
  instagram: [p('igUserId'), s('appSecret'), s('verifyToken'), s('accessToken'), p('appId', false)],
  whatsapp: [p('phoneNumberId'), s('appSecret'), s('verifyToken'), s('accessToken')],
  x: [p('userId'), s('consumerSecret'), s('accessToken')],
  telegram: [s('botToken'), s('secretToken')],
  youtube: [p('channelId'), s('accessToken'), { name: 'pollSeconds', secret: false, required: false, kind: 'seconds' }],
  linkedin: [p('organizationUrn'), s('clientSecret'), s('accessToken'), p('linkedinVersion', false)],
  email: [s('inboundToken'), s('serverToken'), p('fromAddress'), s('mailgunSigningKey', false)],
  api: [s('secret'), url('replyUrl')],
};

export const DEFAULT_API_BASE_URL: Record<ChannelType, string | undefined> = {
  facebook: 'https://graph.facebook.com/v23.0',
  instagram: 'https://graph.facebook.com/v23.0',
  whatsapp: 'https://graph.facebook.com/v23.0',
  x: 'https://api.x.com',
  telegram: 'https://api.telegram.org',
  youtube: 'https://www.googleapis.com/youtube/v3',
  linkedin: 'https://api.linkedin.com/rest',
  email: 'https://api.postmarkapp.com',
  api: undefined,
};

/** A channel's whole config after decryption: the type's fields plus `apiBaseUrl` (always set, defaulted). */
export type ChannelConfig = Record<string, string | number | undefined> & { apiBaseUrl: string };
