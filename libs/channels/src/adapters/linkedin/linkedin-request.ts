import type { ChannelConfig } from '../../types/channel-type';
import { bearer } from '../shared/json-request';
import { configText } from '../shared/payload-fields';

/** LinkedIn retires API versions about a year after release: set linkedinVersion on the channel to move on. */
export const DEFAULT_LINKEDIN_VERSION = '202506';

/** Every versioned /rest call needs the version and the Rest.li 2.0 protocol headers beside the token. */
export function linkedinHeaders(config: ChannelConfig): Record<string, string> {
  const version = configText(config, 'linkedinVersion');
  return {
    ...bearer(configText(config, 'accessToken')),
    'linkedin-version': /^\d{6}(\.\d{2})?$/.test(version) ? version : DEFAULT_LINKEDIN_VERSION,
    'x-restli-protocol-version': '2.0.0',
  };
}
