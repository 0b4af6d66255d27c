import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChannelsModule } from '@app/channels';
import { ContactsService } from './contacts/contacts.service';
import { ConversationQueryService } from './conversations/conversation-query.service';
import { ConversationsService } from './conversations/conversations.service';
import { INBOX_ENTITIES } from './entities';
import { ChannelEventsService } from './ingest/channel-events.service';
import { EventProcessorService } from './ingest/event-processor.service';
import { WebhookIntakeService } from './ingest/webhook-intake.service';
import { OutboundDeliveryService } from './outbound/outbound-delivery.service';
import { YoutubePollService } from './polling/youtube-poll.service';
import { WorkSignals } from './work/work-signals';

/** Contacts, conversations and messages: intake, processing, queries, replies. The loops live in InboxWorkersModule. */
const SERVICES = [
  WorkSignals,
  WebhookIntakeService,
  EventProcessorService,
  ChannelEventsService,
  ConversationQueryService,
  ConversationsService,
  ContactsService,
  OutboundDeliveryService,
  YoutubePollService,
];

@Module({
  imports: [TypeOrmModule.forFeature(INBOX_ENTITIES), ChannelsModule],
  providers: SERVICES,
  exports: [ChannelsModule, ...SERVICES],
})
export class InboxModule {}
