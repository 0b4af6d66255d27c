import type { EventAuthor } from '../../types/normalized-event';
import { at, clean, cleanOpt, compact, str } from '../shared/payload-fields';

/** A LinkedIn URN (`urn:li:<type>:<id>`); anything else in a URN field is not one. */
export function urnOf(value: unknown): string | undefined {
  const text = str(value);
  return text !== undefined && text.length <= 1000 && /^urn:li:[A-Za-z]+:\S+$/.test(text) ? clean(text) : undefined;
}

/** `urn:li:comment:(urn:li:activity:A,C)`: a comment's identity, which carries what it was made on. */
export function commentUrnOf(value: unknown): string | undefined {
  const urn = urnOf(value);
  return urn?.startsWith('urn:li:comment:(') && urn.endsWith(')') ? urn : undefined;
}

/** The post or activity a comment URN belongs to, and the comment's own id within it. */
export function splitCommentUrn(commentUrn: string): { object: string; commentId: string } | undefined {
  const match = /^urn:li:comment:\((urn:li:.+),([^,()]+)\)$/.exec(commentUrn);
  return match ? { object: match[1], commentId: match[2] } : undefined;
}

/**
 * The member behind a decorated comment or share. The decorated shapes are not pinned down by LinkedIn's docs,
 * so the usual spellings are read: owner/actor/author as a URN or as an object with a name.
 */
export function memberOf(decorated: unknown): EventAuthor | undefined {
  for (const key of ['owner', 'actor', 'author']) {
    const value = at(decorated, key);
    const id = urnOf(value) ?? urnOf(at(value, 'urn')) ?? urnOf(at(value, 'id')) ?? urnOf(at(value, 'entity'));
    if (id === undefined) continue;
    const first = cleanOpt(at(value, 'localizedFirstName'));
    const last = cleanOpt(at(value, 'localizedLastName'));
    const fullName = [first, last].filter((n) => n !== undefined && n !== '').join(' ');
    return compact({ id, name: cleanOpt(at(value, 'name')) ?? cleanOpt(at(decorated, `${key}Name`)) ?? (fullName === '' ? undefined : fullName) });
  }
  return undefined;
}

/** A comment's text (`message.text` in the API, `text` in the decorated notification) or a post's commentary. */
export function textOf(decorated: unknown): string | undefined {
  return str(at(decorated, 'text')) ?? str(at(decorated, 'message', 'text')) ?? str(at(decorated, 'commentary'));
}
