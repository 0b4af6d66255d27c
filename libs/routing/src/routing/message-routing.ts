import { Injectable, Logger } from '@nestjs/common';
import type { ChannelType, EventKind } from '@app/channels';
import type { Queryable } from '@app/db';
import { classifyText, type Sentiment } from '../classify';
import { decide } from '../map/decide';
import type { Decision } from '../map/rule';
import { CurrentMaps } from './current-map';

export interface MessageToRoute {
  channelType: ChannelType;
  channelId: string | null;
  kind: EventKind;
  text: string;
  /** As the platform gave it with the message; null: unknown here (ingestion then reads the contact's). */
  followers: number | null;
  /** An echo of the business's own words: routed, not classified. */
  fromBusiness: boolean;
}

export interface Classified {
  language: string | null;
  sentiment: Sentiment | null;
}

export interface Routed {
  mapVersion: number;
  decision: Decision;
}

/**
 * Classification and the map's decision: the one path both ingestion (MapRouter) and the dry-run endpoint take, so
 * that a dry run says exactly what routing does with the same message.
 */
@Injectable()
export class MessageRouting {
  private readonly logger = new Logger('MessageRouting');

  constructor(private readonly maps: CurrentMaps) {}

  /** Nothing to judge in an echo or an attachment without text: language and sentiment stay unknown. */
  classify(text: string, fromBusiness: boolean): Classified {
    if (fromBusiness || text.trim() === '') return { language: null, sentiment: null };
    try {
      const c = classifyText(text);
      return { language: c.language, sentiment: c.sentiment };
    } catch (err) {
      // Ingestion must not fail (and retry, and finally drop the message) over a classifier fault: routing goes on
      // without language and sentiment, so rules needing them do not match.
      this.logger.warn(`classification failed, routing without it: ${(err as Error).message}`);
      return { language: null, sentiment: null };
    }
  }

  /**
   * The current map's decision; null when the workspace has no map yet. `followersOf`: the conversation whose
   * contact's stored follower count stands in when the message carries none.
   */
  async decide(db: Queryable, workspaceId: string, message: MessageToRoute, classified: Classified, followersOf?: string): Promise<Routed | null> {
    const { map, followers } = await this.maps.load(db, workspaceId, message.followers === null ? followersOf : undefined);
    if (!map) return null;
    const decision = decide(
      map,
      {
        channelType: message.channelType,
        channelId: message.channelId,
        kind: message.kind,
        text: message.text,
        language: classified.language,
        sentiment: classified.sentiment,
        followers: message.followers ?? followers,
      },
      map.liveRoles,
    );
    return { mapVersion: map.version, decision };
  }

  async route(db: Queryable, workspaceId: string, message: MessageToRoute, followersOf?: string): Promise<{ classified: Classified; routed: Routed | null }> {
    const classified = this.classify(message.text, message.fromBusiness);
    return { classified, routed: await this.decide(db, workspaceId, message, classified, followersOf) };
  }
}
