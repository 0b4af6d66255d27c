import type { ChannelType, Kind, Priority, Sentiment } from '../../api/types';
import type { MapRule, ResponsibilityMap } from './team-types';

/** One rule as edited: lists typed as comma-separated text stay text until saved. */
export interface RuleDraft {
  /** A stable React key: rules move, and a rule's fields must move with it. */
  key: string;
  name: string;
  channelTypes: ChannelType[];
  channelIds: string[];
  kinds: Kind[];
  languages: string;
  keywords: string;
  sentiment: Sentiment[];
  minFollowers: string;
  roleId: string;
  priority: Priority;
  tags: string;
}

export interface MapDraft {
  defaultRoleId: string;
  rules: RuleDraft[];
}

/** The PUT body; fields are left as typed where the server's validation names the problem better than we could. */
export interface MapBody {
  defaultRoleId: string | null;
  rules: Array<{ name: string; when: Record<string, unknown>; then: Record<string, unknown> }>;
}

let keys = 0;
const nextKey = () => `rule-${++keys}`;

/** "refund, money back ,, rimborso" → ['refund', 'money back', 'rimborso']. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export const joinList = (items: readonly string[] | undefined): string => (items ?? []).join(', ');

export function newRule(roleId = ''): RuleDraft {
  return { key: nextKey(), name: '', channelTypes: [], channelIds: [], kinds: [], languages: '', keywords: '', sentiment: [], minFollowers: '', roleId, priority: 'normal', tags: '' };
}

export function ruleToDraft(rule: MapRule): RuleDraft {
  const when = rule.when ?? {};
  const sentiment = when.sentiment === undefined ? [] : Array.isArray(when.sentiment) ? when.sentiment : [when.sentiment];
  return {
    key: nextKey(),
    name: rule.name,
    channelTypes: when.channelTypes ?? [],
    channelIds: when.channelIds ?? [],
    kinds: when.kinds ?? [],
    languages: joinList(when.languages),
    keywords: joinList(when.keywords),
    sentiment,
    minFollowers: when.minFollowers === undefined ? '' : String(when.minFollowers),
    roleId: rule.then.roleId,
    priority: rule.then.priority ?? 'normal',
    tags: joinList(rule.then.tags),
  };
}

export function mapToDraft(map: Pick<ResponsibilityMap, 'defaultRoleId' | 'rules'>): MapDraft {
  return { defaultRoleId: map.defaultRoleId ?? '', rules: map.rules.map(ruleToDraft) };
}

/**
 * The map as the API takes it. An empty condition is left out (the API refuses empty lists: "leave the condition
 * out to match everything"); one sentiment is sent as a string, several as a list.
 */
export function draftToBody(draft: MapDraft): MapBody {
  return {
    defaultRoleId: draft.defaultRoleId || null,
    rules: draft.rules.map((r) => {
      const when: Record<string, unknown> = {};
      if (r.channelTypes.length > 0) when.channelTypes = r.channelTypes;
      if (r.channelIds.length > 0) when.channelIds = r.channelIds;
      if (r.kinds.length > 0) when.kinds = r.kinds;
      const languages = splitList(r.languages);
      if (languages.length > 0) when.languages = languages;
      const keywords = splitList(r.keywords);
      if (keywords.length > 0) when.keywords = keywords;
      if (r.sentiment.length === 1) when.sentiment = r.sentiment[0];
      else if (r.sentiment.length > 1) when.sentiment = r.sentiment;
      const followers = r.minFollowers.trim();
      // Not a whole number: sent as typed, for the server to say what is wrong with it beside the field.
      if (followers !== '') when.minFollowers = /^\d+$/.test(followers) ? Number(followers) : followers;
      const then: Record<string, unknown> = { roleId: r.roleId, priority: r.priority };
      const tags = splitList(r.tags);
      if (tags.length > 0) then.tags = tags;
      return { name: r.name, when, then };
    }),
  };
}

/** The same map, whatever the keys and however the lists were spaced: does the draft differ from the saved map? */
export function sameMap(draft: MapDraft, saved: Pick<ResponsibilityMap, 'defaultRoleId' | 'rules'>): boolean {
  return JSON.stringify(draftToBody(draft)) === JSON.stringify(draftToBody(mapToDraft(saved)));
}

export function moveRule<T>(rules: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (index < 0 || index >= rules.length || to < 0 || to >= rules.length) return [...rules];
  const next = [...rules];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

/** Ticks or unticks one value of a multiple choice, keeping the offered order. */
export function toggleChoice<T extends string>(chosen: readonly T[], value: T, offered: readonly T[]): T[] {
  const set = new Set(chosen);
  if (set.has(value)) set.delete(value);
  else set.add(value);
  return offered.filter((v) => set.has(v)).concat([...set].filter((v) => !offered.includes(v)));
}
