import type { EventAuthor } from '../../types/normalized-event';
import { at, clean, cleanOpt, compact, followerCount, idOf, str } from '../shared/payload-fields';

/** X ids are decimal strings; anything else in an id field is not one. */
export function xId(value: unknown): string | undefined {
  const text = str(value);
  return text !== undefined && /^\d{1,32}$/.test(text) ? text : undefined;
}

/** A v1.1 user (tweet `user`, or an entry of a DM delivery's `users` map). */
export function xAuthor(user: unknown, fallbackId?: string): EventAuthor | undefined {
  const id = xId(at(user, 'id_str')) ?? xId(idOf(at(user, 'id'))) ?? fallbackId;
  if (id === undefined) return undefined;
  return compact({
    id: clean(id),
    name: cleanOpt(at(user, 'name')),
    username: cleanOpt(at(user, 'screen_name')),
    followers: followerCount(at(user, 'followers_count')),
  });
}
