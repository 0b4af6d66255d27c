import { CHANNEL_TYPES, type ChannelType, type EventKind } from '@app/channels';
import { foldText, UUID_PATTERN } from '@app/common';
import type { Priority } from '@app/inbox';
import type { Sentiment } from '../classify';
import { ISO_639_1 } from './iso-639-1';
import { EVENT_KINDS, PRIORITIES, SENTIMENTS, type MapContent, type Rule, type RuleConditions, type RuleOutcome } from './rule';

export const MAP_LIMITS = {
  rules: 200,
  nameLength: 100,
  listItems: 100,
  keywords: 200,
  keywordLength: 100,
  tags: 20,
  tagLength: 50,
  /** followers is an integer column. */
  minFollowers: 2_147_483_647,
} as const;

export type MapValidation = { ok: true; map: MapContent } | { ok: false; errors: string[] };

const RULE_KEYS = ['name', 'when', 'then'];
const WHEN_KEYS = ['channelTypes', 'channelIds', 'kinds', 'languages', 'keywords', 'sentiment', 'minFollowers'];
const THEN_KEYS = ['roleId', 'priority', 'tags'];

/**
 * Checks a whole map as a lead sent it and answers it normalized (names, keywords and tags trimmed, languages and
 * ids lower-cased, tags lower-cased and de-duplicated), or every problem at once, each naming its field the way a
 * client addresses it (`rules.2.then.roleId`). Whether the roles exist is the caller's question (see mapReferences).
 */
export function validateMap(input: unknown): MapValidation {
  const errors: string[] = [];
  if (!isObject(input)) return { ok: false, errors: ['the body must be a JSON object {defaultRoleId, rules}'] };
  unknownKeys(input, ['defaultRoleId', 'rules'], '', errors);
  const defaultRoleId = uuid(input.defaultRoleId, 'defaultRoleId', errors);
  const rules: Rule[] = [];
  if (input.rules === undefined || input.rules === null) errors.push('rules is required');
  else if (!Array.isArray(input.rules)) errors.push('rules must be an array');
  else if (input.rules.length > MAP_LIMITS.rules) errors.push(`rules must have at most ${MAP_LIMITS.rules} rules`);
  else {
    const names = new Map<string, number>();
    input.rules.forEach((raw, i) => {
      const { name, rule } = validateRule(raw, `rules.${i}`, errors);
      if (rule) rules.push(rule);
      // A duplicate name is worth reporting on a rule that has other problems too.
      if (name === null) return;
      const first = names.get(name.toLowerCase());
      if (first !== undefined) errors.push(`rules.${i}.name: "${name}" is already the name of rules.${first} (names are unique, case-insensitively)`);
      else names.set(name.toLowerCase(), i);
    });
  }
  if (errors.length > 0 || defaultRoleId === undefined) return { ok: false, errors };
  return { ok: true, map: { defaultRoleId, rules } };
}

/** Every role and channel a map names, with the field that names it, for the existence check. */
export function mapReferences(map: MapContent): { roles: Array<{ field: string; id: string }>; channels: Array<{ field: string; id: string }> } {
  const roles = [{ field: 'defaultRoleId', id: map.defaultRoleId }];
  const channels: Array<{ field: string; id: string }> = [];
  map.rules.forEach((rule, i) => {
    roles.push({ field: `rules.${i}.then.roleId`, id: rule.then.roleId });
    rule.when.channelIds?.forEach((id, j) => channels.push({ field: `rules.${i}.when.channelIds.${j}`, id }));
  });
  return { roles, channels };
}

/** The rule when valid, and its name whenever the name itself is valid. */
function validateRule(raw: unknown, path: string, errors: string[]): { name: string | null; rule?: Rule } {
  if (!isObject(raw)) {
    errors.push(`${path} must be an object {name, when, then}`);
    return { name: null };
  }
  const before = errors.length;
  unknownKeys(raw, RULE_KEYS, path, errors);
  let name: string | null = null;
  if (raw.name === undefined || raw.name === null) errors.push(`${path}.name is required`);
  else if (typeof raw.name !== 'string') errors.push(`${path}.name must be a string`);
  else if (raw.name.trim() === '') errors.push(`${path}.name must not be blank`);
  else if (raw.name.trim().length > MAP_LIMITS.nameLength) errors.push(`${path}.name must be at most ${MAP_LIMITS.nameLength} characters`);
  else name = raw.name.trim();
  const when = validateWhen(raw.when, `${path}.when`, errors);
  const then = validateThen(raw.then, `${path}.then`, errors);
  if (errors.length > before || name === null || !when || !then) return { name };
  return { name, rule: { name, when, then } };
}

/** Absent or `{}`: a rule that takes everything that reaches it. */
function validateWhen(raw: unknown, path: string, errors: string[]): RuleConditions | undefined {
  if (raw === undefined) return {};
  if (!isObject(raw)) {
    errors.push(`${path} must be an object`);
    return undefined;
  }
  unknownKeys(raw, WHEN_KEYS, path, errors);
  const when: RuleConditions = {};
  const channelTypes = list(raw, 'channelTypes', path, errors, MAP_LIMITS.listItems, (v, p) => oneOf(v, CHANNEL_TYPES, p, errors));
  if (channelTypes) when.channelTypes = channelTypes as ChannelType[];
  const channelIds = list(raw, 'channelIds', path, errors, MAP_LIMITS.listItems, (v, p) => uuid(v, p, errors));
  if (channelIds) when.channelIds = channelIds;
  const kinds = list(raw, 'kinds', path, errors, MAP_LIMITS.listItems, (v, p) => oneOf(v, EVENT_KINDS, p, errors));
  if (kinds) when.kinds = kinds as EventKind[];
  const languages = list(raw, 'languages', path, errors, MAP_LIMITS.listItems, (v, p) => language(v, p, errors));
  if (languages) when.languages = languages;
  const keywords = list(raw, 'keywords', path, errors, MAP_LIMITS.keywords, (v, p) => keyword(v, p, errors));
  if (keywords) when.keywords = keywords;
  if (raw.sentiment !== undefined) {
    if (Array.isArray(raw.sentiment)) {
      const several = list(raw, 'sentiment', path, errors, SENTIMENTS.length, (v, p) => oneOf(v, SENTIMENTS, p, errors));
      if (several) when.sentiment = several as Sentiment[];
    } else {
      const one = oneOf(raw.sentiment, SENTIMENTS, `${path}.sentiment`, errors);
      if (one) when.sentiment = one as Sentiment;
    }
  }
  if (raw.minFollowers !== undefined) {
    const n = raw.minFollowers;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAP_LIMITS.minFollowers) {
      errors.push(`${path}.minFollowers must be an integer from 0 to ${MAP_LIMITS.minFollowers}`);
    } else when.minFollowers = n;
  }
  return when;
}

function validateThen(raw: unknown, path: string, errors: string[]): RuleOutcome | undefined {
  if (raw === undefined || raw === null) {
    errors.push(`${path} is required`);
    return undefined;
  }
  if (!isObject(raw)) {
    errors.push(`${path} must be an object {roleId, priority?, tags?}`);
    return undefined;
  }
  unknownKeys(raw, THEN_KEYS, path, errors);
  const roleId = uuid(raw.roleId, `${path}.roleId`, errors);
  const then: RuleOutcome = { roleId: roleId ?? '' };
  if (raw.priority !== undefined) {
    const priority = oneOf(raw.priority, PRIORITIES, `${path}.priority`, errors);
    if (priority) then.priority = priority as Priority;
  }
  if (raw.tags !== undefined) {
    // Tags may be an empty list (no tags); conditions may not, since an empty condition could mean "all" or "none".
    if (!Array.isArray(raw.tags)) errors.push(`${path}.tags must be an array of strings`);
    else if (raw.tags.length > MAP_LIMITS.tags) errors.push(`${path}.tags must have at most ${MAP_LIMITS.tags} items`);
    else {
      const tags = raw.tags.map((v, j) => tag(v, `${path}.tags.${j}`, errors));
      if (tags.every((t): t is string => t !== undefined)) then.tags = [...new Set(tags)].sort();
    }
  }
  return roleId === undefined ? undefined : then;
}

/** A condition's list: absent is fine, present must be a non-empty array of valid items. */
function list<T>(
  raw: Record<string, unknown>,
  key: string,
  path: string,
  errors: string[],
  max: number,
  item: (value: unknown, path: string) => T | undefined,
): T[] | undefined {
  const value = raw[key];
  if (value === undefined) return undefined;
  const at = `${path}.${key}`;
  if (!Array.isArray(value)) {
    errors.push(`${at} must be an array`);
    return undefined;
  }
  if (value.length === 0) {
    errors.push(`${at} must not be empty (leave the condition out to match everything)`);
    return undefined;
  }
  if (value.length > max) {
    errors.push(`${at} must have at most ${max} items`);
    return undefined;
  }
  const items = value.map((v, j) => item(v, `${at}.${j}`));
  return items.every((x): x is T => x !== undefined) ? items : undefined;
}

function uuid(value: unknown, path: string, errors: string[]): string | undefined {
  if (value === undefined || value === null) errors.push(`${path} is required`);
  else if (typeof value !== 'string' || !UUID_PATTERN.test(value)) errors.push(`${path} must be a UUID`);
  else return value.toLowerCase();
  return undefined;
}

function oneOf(value: unknown, allowed: readonly string[], path: string, errors: string[]): string | undefined {
  if (typeof value === 'string' && allowed.includes(value)) return value;
  errors.push(`${path} must be one of ${allowed.join(', ')}`);
  return undefined;
}

function language(value: unknown, path: string, errors: string[]): string | undefined {
  const code = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  if (code !== undefined && ISO_639_1.has(code)) return code;
  errors.push(`${path} must be an ISO 639-1 language code (two letters, such as it, en, es, fr, de)`);
  return undefined;
}

function keyword(value: unknown, path: string, errors: string[]): string | undefined {
  if (typeof value !== 'string') errors.push(`${path} must be a string`);
  else if (value.trim() === '') errors.push(`${path} must not be blank`);
  else if (value.trim().length > MAP_LIMITS.keywordLength) errors.push(`${path} must be at most ${MAP_LIMITS.keywordLength} characters`);
  // Matching is on words: a keyword of punctuation or emoji alone could never match.
  else if (foldText(value).trim() === '') errors.push(`${path} must contain a letter or a digit`);
  else return value.trim();
  return undefined;
}

function tag(value: unknown, path: string, errors: string[]): string | undefined {
  if (typeof value !== 'string') errors.push(`${path} must be a string`);
  else if (value.trim() === '') errors.push(`${path} must not be blank`);
  else if (value.trim().length > MAP_LIMITS.tagLength) errors.push(`${path} must be at most ${MAP_LIMITS.tagLength} characters`);
  else return value.trim().toLowerCase();
  return undefined;
}

function unknownKeys(raw: Record<string, unknown>, allowed: string[], path: string, errors: string[]): void {
  for (const key of Object.keys(raw)) if (!allowed.includes(key)) errors.push(`${path ? `${path}.` : ''}${key} is not allowed (allowed: ${allowed.join(', ')})`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
