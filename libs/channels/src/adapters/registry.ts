import type { ChannelAdapter } from '../types/channel-adapter';
import type { ChannelType } from '../types/channel-type';
import { apiAdapter } from './api/api.adapter';
import { emailAdapter } from './email/email.adapter';
import { linkedinAdapter } from './linkedin/linkedin.adapter';
import { facebookAdapter } from './meta/facebook.adapter';
import { instagramAdapter } from './meta/instagram.adapter';
import { whatsappAdapter } from './meta/whatsapp.adapter';
import { telegramAdapter } from './telegram/telegram.adapter';
import { xAdapter } from './x/x.adapter';
import { youtubeAdapter } from './youtube/youtube.adapter';

export const ADAPTERS: Record<ChannelType, ChannelAdapter> = {
  facebook: facebookAdapter,
  instagram: instagramAdapter,
  whatsapp: whatsappAdapter,
  x: xAdapter,
  telegram: telegramAdapter,
  youtube: youtubeAdapter,
  linkedin: linkedinAdapter,
  email: emailAdapter,
  api: apiAdapter,
};

export function adapterFor(type: ChannelType): ChannelAdapter {
  return ADAPTERS[type];
}
