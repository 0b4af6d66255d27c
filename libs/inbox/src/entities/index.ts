import { ContactEntity, ContactIdentityEntity } from './contact.entity';
import { ConversationEntity } from './conversation.entity';
import { MessageEntity } from './message.entity';
import { OutboxEntity } from './outbox.entity';
import { WebhookEventEntity } from './webhook-event.entity';

export * from './contact.entity';
export * from './conversation.entity';
export * from './message.entity';
export * from './outbox.entity';
export * from './webhook-event.entity';

export const INBOX_ENTITIES = [ContactEntity, ContactIdentityEntity, ConversationEntity, MessageEntity, OutboxEntity, WebhookEventEntity];
