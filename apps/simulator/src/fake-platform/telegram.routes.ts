import { STATUS_CODES } from 'node:http';
import { json, objectParam, params, stringParam } from './request-params';
import type { FakeRequest, FakeResponse, PlatformRouter } from './types';

export function telegramError(status: number, description: string): unknown {
  return { ok: false, error_code: status, description };
}

const describe = (status: number, message: string): string => {
  const prefix = status === 429 ? 'Too Many Requests' : status === 400 ? 'Bad Request' : (STATUS_CODES[status] ?? 'Error');
  return message.startsWith(prefix) ? message : `${prefix}: ${message}`;
};

/** Bot API sendMessage: numbers message ids per chat, like Telegram. */
function createSendMessage(botToken: string, nextId: (chat: string) => number) {
  return (req: FakeRequest): FakeResponse => {
    const p = params(req);
    const chat = stringParam(p.chat_id);
    if (!chat) return json(400, telegramError(400, 'Bad Request: chat_id is empty'));
    const text = stringParam(p.text);
    if (!text) return json(400, telegramError(400, 'Bad Request: message text is empty'));
    const botId = Number(botToken.split(':')[0]) || 7012345678;
    const chatId = /^-?\d+$/.test(chat) ? Number(chat) : chat;
    const isPrivate = typeof chatId === 'number' && chatId > 0;
    const replyTo = stringParam(objectParam(p.reply_parameters)?.message_id) ?? stringParam(p.reply_to_message_id);
    const result: Record<string, unknown> = {
      message_id: nextId(chat),
      from: { id: botId, is_bot: true, first_name: 'Simulator Bot', username: 'SimulatorBot' },
      chat: isPrivate ? { id: chatId, type: 'private' } : { id: chatId, type: 'supergroup', title: 'Simulated group' },
      date: Math.floor(Date.now() / 1000),
      text,
    };
    if (replyTo) result.reply_to_message = { message_id: Number(replyTo), chat: result.chat, date: result.date };
    return json(200, { ok: true, result });
  };
}

/** Telegram Bot API, mounted at /telegram: POST /bot<token>/<method>. */
export function createTelegramRouter(): PlatformRouter {
  const counters = new Map<string, number>();
  const nextId = (chat: string): number => {
    const id = (counters.get(chat) ?? 1000) + 1;
    counters.set(chat, id);
    return id;
  };
  return {
    platform: 'telegram',
    match(req) {
      const [bot, method, ...rest] = req.segments;
      if (!bot?.startsWith('bot') || !method || rest.length > 0) return null;
      const botToken = bot.slice(3);
      if (!botToken) return () => json(401, telegramError(401, 'Unauthorized'));
      if (method === 'sendMessage' && (req.method === 'POST' || req.method === 'GET')) return createSendMessage(botToken, nextId);
      return null;
    },
    errorBody: (status, message) => telegramError(status, describe(status, message)),
    throttleBody: (retryAfter) => ({ ...(telegramError(429, `Too Many Requests: retry after ${retryAfter}`) as object), parameters: { retry_after: retryAfter } }),
  };
}
