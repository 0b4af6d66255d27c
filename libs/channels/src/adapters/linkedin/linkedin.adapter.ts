import { readJsonObject } from '../../http/read-json';
import type { ChannelAdapter } from '../../types/channel-adapter';
import { checkCredential } from '../shared/delivery-auth';
import { configText } from '../shared/payload-fields';
import { enrichLinkedinEvent } from './linkedin-enrich';
import { parseLinkedinNotifications } from './linkedin-notification.parser';
import { buildLinkedinReply, readLinkedinReply } from './linkedin-reply';
import { challengeResponse, deliverySignature, LINKEDIN_SIGNATURE_HEADER } from './linkedin-signature';

/** LinkedIn Community Management organization social action notifications in, comments out. */
export const linkedinAdapter: ChannelAdapter = {
  type: 'linkedin',

  handshake(req, config) {
    const challengeCode = req.query.challengeCode;
    if (req.method !== 'GET' || challengeCode === undefined || challengeCode === '') return null;
    const secret = configText(config, 'clientSecret');
    if (secret === '') return { status: 403, contentType: 'text/plain', body: 'the channel has no clientSecret' };
    return { status: 200, contentType: 'application/json', body: JSON.stringify({ challengeCode, challengeResponse: challengeResponse(secret, challengeCode) }) };
  },

  verify(req, config) {
    const secret = configText(config, 'clientSecret');
    // Hex is case-insensitive; the comparison is not.
    const given = req.headers[LINKEDIN_SIGNATURE_HEADER]?.trim().toLowerCase();
    return checkCredential(given, secret === '' ? undefined : deliverySignature(secret, req.rawBody), LINKEDIN_SIGNATURE_HEADER);
  },

  parse(req, config) {
    return parseLinkedinNotifications(readJsonObject(req.rawBody), configText(config, 'organizationUrn'));
  },

  buildReply: buildLinkedinReply,
  readReply: readLinkedinReply,

  signDelivery(rawBody, config) {
    return { [LINKEDIN_SIGNATURE_HEADER]: deliverySignature(configText(config, 'clientSecret'), rawBody) };
  },

  enrich: enrichLinkedinEvent,
};
