import type { ChannelConfig, ChannelType } from '@app/channels/types/channel-type';

/**
 * The made-up accounts of the fixtures (test/fixtures/channels/<platform>/README.md): the same page, IG account,
 * phone number, bot and secrets, so fixtures and generated traffic verify against the channels the simulator creates.
 */
export const DEMO = {
  pageId: '104857600123456',
  pageName: 'Trattoria Da Gino',
  igUserId: '17841400123456789',
  igUsername: 'dagino.trattoria',
  wabaId: '102938475610293',
  phoneNumberId: '109876543210987',
  displayPhoneNumber: '390212345678',
  xUserId: '1402345678901234567',
  xScreenName: 'DaGinoTrattoria',
  botId: '7012345678',
  botUsername: 'DaGinoBot',
  youtubeChannelId: 'UCx1y2z3DaGino00000000Ab',
  organizationUrn: 'urn:li:organization:2414183',
  inboundAddress: 'support@inbound.dagino.example',
  metaAppSecret: 'test_meta_app_secret_3f9c',
  xConsumerSecret: 'test_x_consumer_secret_8b1d',
  telegramSecretToken: 'tg-secret_token-42',
  linkedinClientSecret: 'test_linkedin_client_secret_77',
  emailInboundToken: 'inbound-pass',
  mailgunSigningKey: 'test_mailgun_signing_key_5e2a',
  apiSecret: 'simulator-api-secret-0001',
} as const;

/** Each channel's config for POST /api/channels, its platform API pointed at the fake platform. */
export function demoChannelConfigs(baseUrls: Record<ChannelType, string>): Record<ChannelType, Record<string, string | number>> {
  const meta = { appSecret: DEMO.metaAppSecret, verifyToken: 'simulator-verify-token' };
  return {
    facebook: { pageId: DEMO.pageId, ...meta, pageAccessToken: 'simulator-page-token', apiBaseUrl: baseUrls.facebook },
    instagram: { igUserId: DEMO.igUserId, ...meta, accessToken: 'simulator-ig-token', apiBaseUrl: baseUrls.instagram },
    whatsapp: { phoneNumberId: DEMO.phoneNumberId, ...meta, accessToken: 'simulator-wa-token', apiBaseUrl: baseUrls.whatsapp },
    x: { userId: DEMO.xUserId, consumerSecret: DEMO.xConsumerSecret, accessToken: 'simulator-x-token', apiBaseUrl: baseUrls.x },
    telegram: { botToken: `${DEMO.botId}:AAH-simulator-fake-bot-token`, secretToken: DEMO.telegramSecretToken, apiBaseUrl: baseUrls.telegram },
    youtube: { channelId: DEMO.youtubeChannelId, accessToken: 'simulator-yt-token', pollSeconds: 15, apiBaseUrl: baseUrls.youtube },
    linkedin: {
      organizationUrn: DEMO.organizationUrn,
      clientSecret: DEMO.linkedinClientSecret,
      accessToken: 'simulator-li-token',
      linkedinVersion: '202506',
      apiBaseUrl: baseUrls.linkedin,
    },
    email: {
      inboundToken: DEMO.emailInboundToken,
      serverToken: 'simulator-postmark-token',
      fromAddress: DEMO.inboundAddress,
      mailgunSigningKey: DEMO.mailgunSigningKey,
      apiBaseUrl: baseUrls.email,
    },
    api: { secret: DEMO.apiSecret, replyUrl: baseUrls.api },
  };
}

/** The config an adapter sees for a demo channel (what signDelivery and parse take). */
export function demoAdapterConfig(type: ChannelType, baseUrls: Record<ChannelType, string>): ChannelConfig {
  const config = demoChannelConfigs(baseUrls)[type];
  return { ...config, apiBaseUrl: String(config.apiBaseUrl ?? baseUrls[type]) };
}
