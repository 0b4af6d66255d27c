import { readJsonObject } from '../../http/read-json';
import type { ChannelAdapter } from '../../types/channel-adapter';
import { checkCredential } from '../shared/delivery-auth';
import { configText } from '../shared/payload-fields';
import { buildTelegramReply, readTelegramReply } from './telegram-reply';
import { parseTelegramUpdate } from './telegram-update.parser';

const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/** Telegram Bot API webhook Updates in, sendMessage out. */
export const telegramAdapter: ChannelAdapter = {
  type: 'telegram',

  // setWebhook needs no proof of ownership: there is no handshake.
  handshake: () => null,

  // No HMAC: Telegram echoes the secret_token given to setWebhook, compared as a plain string.
  verify(req, config) {
    const secret = configText(config, 'secretToken');
    return checkCredential(req.headers[SECRET_HEADER], secret === '' ? undefined : secret, SECRET_HEADER);
  },

  parse(req, config) {
    return parseTelegramUpdate(readJsonObject(req.rawBody), botIdOf(configText(config, 'botToken')));
  },

  buildReply: buildTelegramReply,
  readReply: readTelegramReply,

  signDelivery(_rawBody, config) {
    return { [SECRET_HEADER]: configText(config, 'secretToken') };
  },
};

/** A bot token is `<bot id>:<secret>`: the bot's own messages are recognised by that id. */
function botIdOf(botToken: string): string {
  const id = botToken.split(':')[0] ?? '';
  return /^\d+$/.test(id) ? id : '';
}
