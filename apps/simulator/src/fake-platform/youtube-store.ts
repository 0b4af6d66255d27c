import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findFixturesDir } from '../fixtures/fixture-dir';
import type { YoutubeData, YoutubeDataInput, YoutubeListResponse } from './types';

type Item = Record<string, unknown>;

const emptyList = (kind: string): YoutubeListResponse => ({ kind, items: [] });

function readFixture(name: string, kind: string): YoutubeListResponse {
  const dir = findFixturesDir();
  if (!dir) return emptyList(kind);
  try {
    return JSON.parse(readFileSync(join(dir, 'youtube', name), 'utf8')) as YoutubeListResponse;
  } catch {
    return emptyList(kind);
  }
}

/** The fixtures test/fixtures/channels/youtube/*.json, read fresh so every reset starts from the same lists. */
export function defaultYoutubeData(): YoutubeData {
  return {
    commentThreads: [readFixture('commentThreads_list_response.json', 'youtube#commentThreadListResponse')],
    comments: readFixture('comments_list_replies_response.json', 'youtube#commentListResponse'),
  };
}

const snippetOf = (item: Item): Item => (item.snippet as Item | undefined) ?? {};

/** What the fake YouTube serves; replies posted through it join the lists, as they would on YouTube. */
export class YoutubeStore {
  private data: YoutubeData = defaultYoutubeData();

  reset(): void {
    this.data = defaultYoutubeData();
  }

  replace(data: YoutubeDataInput): void {
    if (data.commentThreads) {
      const pages = Array.isArray(data.commentThreads) ? data.commentThreads : [data.commentThreads];
      this.data.commentThreads = structuredClone(pages);
    }
    if (data.comments) this.data.comments = structuredClone(data.comments);
  }

  /** The page for pageToken: the first page without one, else the page after the one whose nextPageToken it is. */
  threadsPage(pageToken: string | undefined): YoutubeListResponse {
    const pages = this.data.commentThreads;
    if (!pageToken) return pages[0] ?? emptyList('youtube#commentThreadListResponse');
    const index = pages.findIndex((p) => p.nextPageToken === pageToken);
    // An unknown token (or the last page's) gets an empty page, so a poller that follows tokens always ends.
    return (index >= 0 ? pages[index + 1] : undefined) ?? emptyList('youtube#commentThreadListResponse');
  }

  threads(): Item[] {
    return this.data.commentThreads.flatMap((p) => p.items);
  }

  /** Every reply known: the comments list plus the replies embedded in threads, once each. */
  replies(): Item[] {
    const byId = new Map<string, Item>();
    for (const thread of this.threads()) {
      const embedded = ((thread.replies as Item | undefined)?.comments as Item[] | undefined) ?? [];
      for (const c of embedded) byId.set(String(c.id), c);
    }
    for (const c of this.data.comments.items) byId.set(String(c.id), c);
    return [...byId.values()];
  }

  thread(id: string): Item | undefined {
    return this.threads().find((t) => t.id === id);
  }

  /** The display name and URL our channel uses, taken from a comment it wrote in the data. */
  ownAuthor(channelId: string): Item {
    const tops = this.threads().map((t) => snippetOf((snippetOf(t).topLevelComment as Item | undefined) ?? {}));
    const all = [...tops, ...this.replies().map(snippetOf)];
    const own = all.find((s) => (s.authorChannelId as Item | undefined)?.value === channelId);
    return {
      authorDisplayName: own?.authorDisplayName ?? '@SimulatedChannel',
      authorProfileImageUrl: own?.authorProfileImageUrl ?? 'https://yt3.ggpht.com/simulated=s48',
      authorChannelUrl: own?.authorChannelUrl ?? `http://www.youtube.com/channel/${channelId}`,
      authorChannelId: { value: channelId },
    };
  }

  addReply(thread: Item, reply: Item): void {
    const replies = ((thread.replies as Item | undefined) ?? { comments: [] }) as { comments: Item[] };
    replies.comments = [...(replies.comments ?? []), reply];
    thread.replies = replies;
    const snippet = snippetOf(thread);
    snippet.totalReplyCount = Number(snippet.totalReplyCount ?? 0) + 1;
    this.data.comments.items.push(reply);
  }

  addThread(thread: Item): void {
    const first = this.data.commentThreads[0] ?? emptyList('youtube#commentThreadListResponse');
    first.items.unshift(thread);
    this.data.commentThreads[0] = first;
  }
}
