import type { ChannelType, NormalizedEvent } from '@app/channels';
import type { ConversationContext } from '../conversations/views';

const MAX_URL = 2_048;
const MAX_TITLE = 500;

/**
 * What an event says its conversation is about, as the conversation stores it: the post, page or video's link and
 * title. The parsers give the platform's own link where the payload has one; a Facebook comment whose payload
 * carries only the post id gets the post's well-known public address. Only http(s) links are kept: the desk shows
 * this link to agents, and a `javascript:` one sent by an integration must never become clickable.
 * Null when the event says nothing.
 */
export function eventContext(channelType: ChannelType, ev: NormalizedEvent): ConversationContext | null {
  const url = publicLink(ev.context?.url) ?? derivedLink(channelType, ev);
  const title = ev.context?.title?.trim().slice(0, MAX_TITLE) || null;
  return url !== null || title !== null ? { url, title } : null;
}

function publicLink(value: string | undefined): string | null {
  const text = value?.trim();
  if (!text || text.length > MAX_URL) return null;
  try {
    const { protocol } = new URL(text);
    return protocol === 'https:' || protocol === 'http:' ? text : null;
  } catch {
    return null; // not a URL at all
  }
}

/** A Page post id is `<page id>_<post id>`; facebook.com/<page>/posts/<post> is its public address. */
function derivedLink(channelType: ChannelType, ev: NormalizedEvent): string | null {
  if (channelType !== 'facebook' || ev.kind !== 'comment') return null;
  const postId = ev.replyRef?.postId;
  const post = typeof postId === 'string' ? /^(\d+)_(\d+)$/.exec(postId) : null;
  return post ? `https://www.facebook.com/${post[1]}/posts/${post[2]}` : null;
}
