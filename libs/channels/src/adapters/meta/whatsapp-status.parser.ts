import type { DeliveryStatus, NormalizedEvent } from '../../types/normalized-event';
import { at, clean, compact, isoOrNow, num, objects, str, type Json } from '../shared/payload-fields';
import { isoFromEpochSeconds, metaId } from './meta-fields';

const STATUSES = new Set<string>(['sent', 'delivered', 'read', 'failed']);

/**
 * A `statuses[]` item: what became of one of OUR messages (externalId = its wamid). Statuses arrive out of
 * order and `delivered` may be skipped; the processor only ever moves a status forward.
 */
export function parseWhatsAppStatus(status: Json, phoneNumberId: string | undefined): NormalizedEvent | undefined {
  const id = metaId(status.id);
  const value = str(status.status);
  if (id === undefined || value === undefined || !STATUSES.has(value)) return undefined;
  const recipient = metaId(status.recipient_id);
  return compact<NormalizedEvent>({
    op: 'status',
    kind: 'message',
    externalId: id,
    threadKey: recipient !== undefined ? `dm:${recipient}` : undefined,
    author: { id: phoneNumberId ?? 'business' },
    counterpart: recipient !== undefined ? { id: recipient } : undefined,
    text: '',
    attachments: [],
    occurredAt: isoOrNow(isoFromEpochSeconds(status.timestamp)),
    isEcho: true,
    status: value as Exclude<DeliveryStatus, 'queued'>,
    statusError: value === 'failed' ? statusError(status.errors) : undefined,
  });
}

/** `Re-engagement message (code 131047): Message failed to send because more than 24 hours have passed...` */
function statusError(errors: unknown): string {
  const error = objects(errors)[0];
  if (error === undefined) return 'WhatsApp reported the message as failed';
  const title = str(at(error, 'title')) ?? str(at(error, 'message')) ?? 'WhatsApp error';
  const code = num(at(error, 'code'));
  const details = str(at(error, 'error_data', 'details')) ?? (str(at(error, 'message')) !== title ? str(at(error, 'message')) : undefined);
  return clean(`${title}${code !== undefined ? ` (code ${code})` : ''}${details ? `: ${details}` : ''}`).slice(0, 1000);
}
