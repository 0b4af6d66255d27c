import { Identity1763780000000 } from './1763780000000-Identity';
import { Inbox1763790000000 } from './1763790000000-Inbox';
import { WebhookReplay1763795000000 } from './1763795000000-WebhookReplay';
import { Realtime1763800000000 } from './1763800000000-Realtime';
import { Routing1764000000000 } from './1764000000000-Routing';
import { Sla1765000000000 } from './1765000000000-Sla';
import { InboxListing1766000000000 } from './1766000000000-InboxListing';
import { WebhookBacklog1766100000000 } from './1766100000000-WebhookBacklog';
import { ConversationPreview1766200000000 } from './1766200000000-ConversationPreview';

/** Every migration, in order. An explicit list rather than a glob, so bundled and compiled builds find them all. */
export const MIGRATIONS = [Identity1763780000000, Inbox1763790000000, WebhookReplay1763795000000, Realtime1763800000000, Routing1764000000000, Sla1765000000000, InboxListing1766000000000, WebhookBacklog1766100000000, ConversationPreview1766200000000];
