import type { ChannelConfig } from '../../types/channel-type';
import type { HttpRequest, ReplyContext } from '../../types/outbound';
import { apiBase, bearer, postJson } from '../shared/json-request';
import { configText, refText } from '../shared/payload-fields';

/** A Graph API POST: JSON body, the token as a Bearer header, every path segment escaped. */
export function graphPost(config: ChannelConfig, tokenKey: string, path: string[], body: object): HttpRequest {
  return postJson(`${apiBase(config)}/${path.map(encodeURIComponent).join('/')}`, body, bearer(configText(config, tokenKey)));
}

export function isDirectConversation(ctx: ReplyContext): boolean {
  return ctx.conversation.kind === 'message' || ctx.conversation.threadKey.startsWith('dm:');
}

/** The customer of a DM thread: the PSID / IGSID / wa_id parse() recorded, else the one in the thread key. */
export function directRecipient(ctx: ReplyContext, refKey: string): string {
  const { threadKey } = ctx.conversation;
  const recipient =
    refText(ctx.replyTo?.replyRef, refKey) ??
    (threadKey.startsWith('dm:') && threadKey.length > 3 ? threadKey.slice(3) : undefined) ??
    nonEmpty(ctx.replyTo?.authorExternalId) ??
    nonEmpty(ctx.contact?.externalId);
  if (recipient === undefined) throw new Error('no recipient for this direct message');
  return recipient;
}

/**
 * The comment a reply attaches to: the thread's root comment, because Facebook shows two levels and Instagram
 * accepts replies to top-level comments only. The thread key is the root's id for threads parse() started.
 */
export function rootCommentId(ctx: ReplyContext): string {
  const { threadKey } = ctx.conversation;
  const root = refText(ctx.replyTo?.replyRef, 'rootCommentId') ?? (threadKey !== '' && !threadKey.includes(':') ? threadKey : undefined) ?? nonEmpty(ctx.replyTo?.externalId);
  if (root === undefined) throw new Error('no comment to reply to in this conversation');
  return root;
}

/** A config id that goes into the path (page, IG account, phone number id). */
export function configuredId(config: ChannelConfig, key: string): string {
  const id = configText(config, key);
  if (id === '') throw new Error(`the channel has no ${key}`);
  return id;
}

function nonEmpty(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value === '' ? undefined : value;
}
