import request from 'supertest';
import { CHANNEL_CONFIG_FIELDS, CHANNEL_TYPES, type ChannelType } from '../../../libs/channels/src';
import type { FixturePlatform } from '../../../libs/channels/src/testing/fixtures';
import type { TestDesk } from '../desk';
import { createChannel, deliverFixture, FIXTURE_CONFIG, type TestChannel } from '../inbox';

/** One delivery per pushing platform (YouTube is polled), each making a conversation a reply can answer. */
export const ONE_FIXTURE: Partial<Record<ChannelType, [FixturePlatform, string]>> = {
  facebook: ['facebook_page', 'comment_add.json'],
  instagram: ['instagram', 'dm_text.json'],
  whatsapp: ['whatsapp', 'message_text.json'],
  x: ['x_twitter', 'dm_text.json'],
  telegram: ['telegram', 'message_private.json'],
  linkedin: ['linkedin', 'org_comment.json'],
  email: ['email', 'postmark_new_thread.json'],
};

/** The secret values of FIXTURE_CONFIG, by the channel schemas' own marking of which keys are secret. */
export function channelSecrets(): string[] {
  return CHANNEL_TYPES.flatMap((type) => CHANNEL_CONFIG_FIELDS[type].filter((f) => f.secret && FIXTURE_CONFIG[type][f.name] !== undefined).map((f) => String(FIXTURE_CONFIG[type][f.name])));
}

/** A secret as it could be written: itself, URL-encoded, and, for basic-auth credentials, the header's base64. */
export function spellings(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')])];
}

/** Postmark's inbound basic auth, as the platform sends it: its base64 is a spelling of the inbound token too. */
export const POSTMARK_BASIC = `postmark:${FIXTURE_CONFIG.email.inboundToken}`;

/** Which of the secrets (in any spelling) the text holds; labelled by the secret itself, cut short. */
export function leaked(text: string, secrets: string[]): string[] {
  return secrets.filter((s) => spellings(s).some((form) => text.includes(form))).map((s) => `${s.slice(0, 6)}… (${s.length} chars)`);
}

/** A desk reached only by its URL (a child process), shaped as the support helpers expect. */
export function deskAt(url: string): TestDesk {
  return { url, http: () => request(url) } as unknown as TestDesk;
}

/** A channel of every type with the fixture secrets, replying to the fake platform. */
export async function everyChannel(desk: TestDesk, admin: string, baseUrls: Record<ChannelType, string>): Promise<Map<ChannelType, TestChannel>> {
  const channels = new Map<ChannelType, TestChannel>();
  for (const type of CHANNEL_TYPES) {
    const apiBase: Record<string, string> = type === 'api' ? { replyUrl: `${baseUrls.api}/hook` } : { apiBaseUrl: baseUrls[type] };
    channels.set(type, await createChannel(desk, admin, type, { ...FIXTURE_CONFIG[type], ...apiBase }));
  }
  return channels;
}

/** Delivers ONE_FIXTURE to each channel (signed as the platform signs it); every one must be accepted. */
export async function deliverOneOfEach(desk: TestDesk, channels: Map<ChannelType, TestChannel>): Promise<void> {
  for (const [type, [platform, file]] of Object.entries(ONE_FIXTURE) as Array<[ChannelType, [FixturePlatform, string]]>) {
    const res = await deliverFixture(desk, channels.get(type)!, platform, file);
    if (res.status !== 200) throw new Error(`${type} fixture refused: ${res.status} ${JSON.stringify(res.body)}`);
  }
}
