import type { Attachment } from '../../types/normalized-event';
import { at, cleanOpt, compact, num, objects, str } from '../shared/payload-fields';

/**
 * A v1.1 media entity (tweets' extended_entities and DMs' attachment share the shape). Photos link to the image;
 * videos and GIFs to their best MP4. DM media URLs need an OAuth-signed GET, which is why mediaId is kept too.
 */
export function xMedia(media: unknown): Attachment | undefined {
  const type = str(at(media, 'type'));
  const mediaId = cleanOpt(at(media, 'id_str'));
  const image = cleanOpt(at(media, 'media_url_https')) ?? cleanOpt(at(media, 'media_url'));
  if (type === 'photo') return compact({ type: 'image', url: image, mediaId });
  if (type === 'video' || type === 'animated_gif') return compact({ type: 'video', url: bestVideo(media) ?? image, mediaId });
  return undefined;
}

function bestVideo(media: unknown): string | undefined {
  let best: { url: string; bitrate: number } | undefined;
  for (const variant of objects(at(media, 'video_info', 'variants'))) {
    const url = cleanOpt(at(variant, 'url'));
    if (!url || str(at(variant, 'content_type')) !== 'video/mp4') continue;
    const bitrate = num(at(variant, 'bitrate')) ?? 0;
    if (!best || bitrate > best.bitrate) best = { url, bitrate };
  }
  return best?.url;
}
