import { Module } from '@nestjs/common';
import { IdentityModule } from '@app/identity';
import { EventFeed } from './feed/event-feed.service';
import { PresenceService } from './presence/presence.service';
import { LiveHub } from './socket/live-hub.service';

/** The live desk's server side: the log follower, presence, and the hub a gateway hands its sockets to. */
@Module({
  imports: [IdentityModule],
  providers: [EventFeed, PresenceService, LiveHub],
  exports: [EventFeed, PresenceService, LiveHub],
})
export class RealtimeModule {}
