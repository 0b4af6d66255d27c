import type { Attachment } from '../../types/normalized-event';
import { at, cleanOpt, compact, num, objects } from '../shared/payload-fields';

/**
 * A message's media as attachments, by Telegram file_id (the bytes need a getFile call with the bot token, so
 * no URL is stored). An animation also arrives as a document: it is listed once, as the video it is.
 */
export function telegramAttachments(message: unknown): Attachment[] {
  const list: Array<Attachment | undefined> = [
    largestPhoto(message),
    file(at(message, 'animation'), 'video'),
    at(message, 'animation') === undefined ? file(at(message, 'document'), 'file') : undefined,
    file(at(message, 'video'), 'video'),
    file(at(message, 'video_note'), 'video'),
    file(at(message, 'voice'), 'audio'),
    file(at(message, 'audio'), 'audio'),
    sticker(at(message, 'sticker')),
    location(at(message, 'location')),
  ];
  return list.filter((a): a is Attachment => a !== undefined);
}

/** Telegram sends every resolution of a photo; the largest is the one worth keeping. */
function largestPhoto(message: unknown): Attachment | undefined {
  let best: { size: unknown; area: number; fileId: string } | undefined;
  for (const size of objects(at(message, 'photo'))) {
    const fileId = cleanOpt(at(size, 'file_id'));
    if (fileId === undefined) continue;
    const area = (num(at(size, 'width')) ?? 0) * (num(at(size, 'height')) ?? 0);
    if (best === undefined || area >= best.area) best = { size: at(size, 'file_size'), area, fileId };
  }
  return best && compact({ type: 'image', mediaId: best.fileId, size: byteCount(best.size) });
}

function file(media: unknown, type: string): Attachment | undefined {
  const mediaId = cleanOpt(at(media, 'file_id'));
  if (mediaId === undefined) return undefined;
  return compact({
    type,
    mediaId,
    name: cleanOpt(at(media, 'file_name')) ?? cleanOpt(at(media, 'title')),
    mimeType: cleanOpt(at(media, 'mime_type')),
    size: byteCount(at(media, 'file_size')),
  });
}

function sticker(media: unknown): Attachment | undefined {
  const mediaId = cleanOpt(at(media, 'file_id'));
  return mediaId === undefined ? undefined : compact({ type: 'sticker', mediaId, name: cleanOpt(at(media, 'emoji')) });
}

function location(place: unknown): Attachment | undefined {
  const lat = num(at(place, 'latitude'));
  const lon = num(at(place, 'longitude'));
  if (lat === undefined || lon === undefined) return undefined;
  return { type: 'location', name: `${lat},${lon}`, url: `https://maps.google.com/?q=${lat},${lon}` };
}

function byteCount(value: unknown): number | undefined {
  const size = num(value);
  return size !== undefined && Number.isSafeInteger(size) && size >= 0 ? size : undefined;
}
