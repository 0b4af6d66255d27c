import { createHash } from 'node:crypto';
import { digits } from './ids';
import { metaError } from './meta-errors';
import { json } from './request-params';
import type { FakeResponse, MentionedComment } from './types';

/** The mention of the Instagram fixture `mention_in_comment.json`, so a fresh fake enriches it at once. */
export const DEFAULT_MENTIONS: Record<string, MentionedComment> = {
  '17866554433221100': {
    text: '@dagino.trattoria la cena di ieri sera era spettacolare 🍝✨ torneremo presto!',
    username: 'sara.viaggia',
    timestamp: '2024-06-10T12:30:05+0000',
    media: { id: '17877665544332211' },
  },
};

const FIRST = ['Giulia', 'Marco', 'Sofia', 'Luca', 'Emma', 'James', 'Chiara', 'Olivia', 'Matteo', 'Noah'];
const LAST = ['Rossi', 'Bianchi', 'Smith', 'Romano', 'Brown', 'Ricci', 'Taylor', 'Marino', 'Wilson', 'Greco'];

/** Graph's own time format: `2024-06-10T12:30:05+0000`. */
export function graphTime(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '+0000');
}

/** `a,b{c,d},e` -> ['a', 'b{c,d}', 'e']: commas inside braces or parentheses belong to the field. */
function splitFields(fields: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of fields) {
    if (ch === '{' || ch === '(') depth++;
    if (ch === '}' || ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

function pick(source: Record<string, unknown>, subfields: string | undefined): Record<string, unknown> {
  const wanted = subfields ? splitFields(subfields).map((f) => f.replace(/[{(].*$/, '')) : [];
  const out: Record<string, unknown> = {};
  for (const name of wanted) if (source[name] !== undefined) out[name] = source[name];
  out.id = source.id;
  return out;
}

/** A stable made-up profile (or media object) for any id, so enrichment calls get plausible answers. */
function fakeNode(id: string): Record<string, unknown> {
  const hash = createHash('sha256').update(id).digest();
  const first = FIRST[hash[0]! % FIRST.length]!;
  const last = LAST[hash[1]! % LAST.length]!;
  return {
    id,
    name: `${first} ${last}`,
    first_name: first,
    last_name: last,
    username: `${first}.${last}${hash[2]! % 100}`.toLowerCase(),
    profile_pic: `https://scontent.example/profile/${id}.jpg`,
    follower_count: hash.readUInt16BE(3) * (hash[5]! % 4 === 0 ? 10 : 1),
    is_verified_user: hash[6]! % 10 === 0,
    is_user_follow_business: hash[7]! % 2 === 0,
    is_business_follow_user: false,
    messaging_product: 'whatsapp',
    url: `https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=${id}&ext=${digits(10)}`,
    mime_type: 'image/jpeg',
    sha256: hash.toString('base64'),
    file_size: 1024 + hash.readUInt16BE(8),
  };
}

/** GET /{id}?fields=...: mentioned comments and media of Instagram mentions, otherwise a made-up profile or media. */
export function metaNode(id: string, fields: string | undefined, mentions: Map<string, MentionedComment>): FakeResponse {
  const mention = /^mentioned_comment\.comment_id\(([^)]*)\)(?:\{(.*)\})?$/.exec(fields ?? '');
  if (mention) {
    const commentId = mention[1]!;
    const found = mentions.get(commentId) ?? {
      text: `@dagino.trattoria ci vediamo stasera! 🍷 (${commentId})`,
      username: `ig_user_${commentId.slice(-4)}`,
      timestamp: graphTime(),
    };
    return json(200, { mentioned_comment: pick({ ...found, id: commentId }, mention[2]), id });
  }
  const media = /^mentioned_media\.media_id\(([^)]*)\)(?:\{(.*)\})?$/.exec(fields ?? '');
  if (media) {
    const source = { id: media[1]!, caption: 'Serata perfetta @dagino.trattoria 🍕🍷', media_type: 'IMAGE', timestamp: graphTime(), username: 'sara.viaggia' };
    return json(200, { mentioned_media: pick(source, media[2]), id });
  }
  if (!/^[\w.-]+$/.test(id)) return json(400, metaError(400, `(#803) Some of the aliases you requested do not exist: ${id}`, 803));
  return json(200, fields ? pick(fakeNode(id), fields) : { id, name: fakeNode(id).name });
}
