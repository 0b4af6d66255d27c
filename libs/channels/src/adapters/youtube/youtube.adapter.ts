import { classifyResponse } from '../../http/classify-response';
import type { ChannelAdapter } from '../../types';
import { describeYoutubeError, secondsUntilQuotaReset, TRANSIENT_REASONS, youtubeError, youtubeHeaders } from './youtube-api';
import { parseYoutubeComments } from './youtube-comments.parser';

/** YouTube has no comment webhooks: youtube-poller.ts fetches, the responses are stored, and parse() reads them. */
export const youtubeAdapter: ChannelAdapter = {
  type: 'youtube',

  handshake: () => null,

  verify: () => ({ ok: false, status: 403, reason: 'YouTube has no webhooks: comments are polled' }),

  parse: (req, config) => parseYoutubeComments(req.rawBody, config),

  /** Every reply goes to the thread: YouTube nests one level, so answering a reply means answering its thread. */
  buildReply(ctx) {
    const ref = ctx.replyTo?.replyRef ?? {};
    const threadId = [ref.threadId, ctx.replyTo?.threadKey, ctx.conversation.threadKey].find((v): v is string => typeof v === 'string' && v !== '');
    if (!threadId) throw new Error('no YouTube comment thread to answer');
    const config = ctx.channel.config;
    return {
      method: 'POST',
      url: `${config.apiBaseUrl}/comments?part=snippet`,
      headers: { ...youtubeHeaders(config), 'content-type': 'application/json' },
      body: JSON.stringify({ snippet: { parentId: threadId, textOriginal: ctx.message.text } }),
    };
  },

  readReply(res) {
    return classifyResponse(res, {
      id: (body) => {
        const id = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).id : undefined;
        return typeof id === 'string' ? id : undefined;
      },
      error: describeYoutubeError,
      transient: (body) => TRANSIENT_REASONS.has(youtubeError(body).reason ?? ''),
      retryAfter: (body) => (youtubeError(body).reason === 'quotaExceeded' ? secondsUntilQuotaReset() : undefined),
    });
  },

  signDelivery: () => ({}),
};
