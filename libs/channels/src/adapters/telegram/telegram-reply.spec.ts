import type { ChannelConfig } from '../../types/channel-type';
import { replyContext, response } from '../../testing/adapter-test-kit';
import { telegramAdapter } from './telegram.adapter';

const config: ChannelConfig = { apiBaseUrl: 'https://api.telegram.org', botToken: '7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw', secretToken: 's' };
const SEND_URL = 'https://api.telegram.org/bot7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/sendMessage';

const privateCtx = () =>
  replyContext('telegram', config, { kind: 'message', threadKey: 'dm:123456789', contactId: '123456789', replyTo: { externalId: '123456789:52', replyRef: { chatId: '123456789', messageId: '52' } } });
const groupCtx = () =>
  replyContext('telegram', config, { kind: 'comment', threadKey: 'root:-1001234567890:1204', replyTo: { externalId: '-1001234567890:1204', replyRef: { chatId: '-1001234567890', messageId: '1204' } } });

describe('telegramAdapter buildReply', () => {
  it('sends a reply to the answered message in its chat, the token in the path', () => {
    expect(telegramAdapter.buildReply(privateCtx())).toEqual({
      method: 'POST',
      url: SEND_URL,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: 123456789, text: 'Grazie, a presto! 🙏', reply_parameters: { message_id: 52, allow_sending_without_reply: true } }),
    });
  });

  it('answers in a group under the customer message', () => {
    expect(JSON.parse(telegramAdapter.buildReply(groupCtx()).body!)).toEqual({
      chat_id: -1001234567890,
      text: 'Grazie, a presto! 🙏',
      reply_parameters: { message_id: 1204, allow_sending_without_reply: true },
    });
  });

  it('reads the chat and message from the externalId when the replyRef is empty', () => {
    const ctx = replyContext('telegram', config, { kind: 'comment', threadKey: 'x', replyTo: { externalId: '-100555:77' } });
    expect(JSON.parse(telegramAdapter.buildReply(ctx).body!)).toMatchObject({ chat_id: -100555, reply_parameters: { message_id: 77 } });
  });

  it('keeps forum topics and business connections', () => {
    const ctx = replyContext('telegram', config, {
      kind: 'comment',
      threadKey: 'topic:-100555:9',
      replyTo: { externalId: '-100555:77', replyRef: { chatId: '-100555', messageId: '77', threadId: '9', businessConnectionId: 'bc-1' } },
    });
    expect(JSON.parse(telegramAdapter.buildReply(ctx).body!)).toMatchObject({ message_thread_id: 9, business_connection_id: 'bc-1' });
  });

  it('writes to a DM chat without a reply when no inbound message is left, and refuses with no chat at all', () => {
    expect(JSON.parse(telegramAdapter.buildReply(replyContext('telegram', config, { kind: 'message', threadKey: 'dm:123456789', replyTo: null })).body!)).toEqual({
      chat_id: 123456789,
      text: 'Grazie, a presto! 🙏',
    });
    expect(() => telegramAdapter.buildReply(replyContext('telegram', config, { kind: 'comment', threadKey: 'root:x', replyTo: null }))).toThrow(/no Telegram chat/);
  });
});

describe('telegramAdapter readReply', () => {
  it('stores the sent message as <chat.id>:<message_id>', () => {
    const res = response(200, { ok: true, result: { message_id: 1205, chat: { id: -1001234567890, type: 'supergroup' }, date: 1718030600, text: 'Grazie' } });
    expect(telegramAdapter.readReply(res, groupCtx())).toEqual({ outcome: 'sent', externalId: '-1001234567890:1205' });
  });

  it('fails for good on a 400 or 403 with the description', () => {
    const blocked = response(403, { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    expect(telegramAdapter.readReply(blocked, privateCtx())).toEqual({ outcome: 'failed', error: '403: Forbidden: bot was blocked by the user' });
    const bad = response(400, { ok: false, error_code: 400, description: 'Bad Request: message text is empty' });
    expect(telegramAdapter.readReply(bad, privateCtx())).toEqual({ outcome: 'failed', error: '400: Bad Request: message text is empty' });
  });

  it('retries a 429 after parameters.retry_after', () => {
    const res = response(429, { ok: false, error_code: 429, description: 'Too Many Requests: retry after 5', parameters: { retry_after: 5 } });
    expect(telegramAdapter.readReply(res, privateCtx())).toEqual({ outcome: 'retry', error: '429: Too Many Requests: retry after 5', retryAfterSeconds: 5 });
  });

  it('retries a 5xx', () => {
    expect(telegramAdapter.readReply(response(502, 'Bad Gateway'), privateCtx())).toEqual({ outcome: 'retry', error: '502: Bad Gateway' });
  });
});
