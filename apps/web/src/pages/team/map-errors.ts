/**
 * The map's `400 VALIDATION_FAILED` lists every problem, each starting with the field it is about
 * (`rules.2.then.roleId must be a UUID`, `rules.3.name: "Refunds" is already the name of rules.1`,
 * `defaultRoleId: no role … in this workspace`). These place each one beside its control.
 */

/** Where an error is shown: `defaultRoleId`, `rules.<i>.<field>` for a known field, `rules.<i>` for the rest of a rule, '' for the map. */
export type ErrorPlace = string;

const RULE_FIELDS = new Set(['name', 'when.channelTypes', 'when.channelIds', 'when.kinds', 'when.languages', 'when.keywords', 'when.sentiment', 'when.minFollowers', 'then.roleId', 'then.priority', 'then.tags']);
const PATH = /^(defaultRoleId|rules\.(\d+)(?:\.(name|when|then)(?:\.([A-Za-z]+))?)?)(?:\.\d+)?(?=[\s:]|$)/;

/** The client joins a list of messages with '; ' (api/client.ts); split only where the next one names a field. */
export function splitMessages(message: string): string[] {
  return message.split(/; (?=defaultRoleId\b|rules\b|the body\b)/).filter((m) => m.trim() !== '');
}

export function placeOf(message: string): ErrorPlace {
  const m = PATH.exec(message);
  if (!m) return '';
  if (m[1] === 'defaultRoleId') return 'defaultRoleId';
  const rule = `rules.${m[2]}`;
  if (!m[3]) return rule;
  const field = m[4] ? `${m[3]}.${m[4]}` : m[3];
  return RULE_FIELDS.has(field) ? `${rule}.${field}` : rule;
}

/** The message without the path a person does not need beside the field (`rules.0.when.keywords.1 must…` → `keywords.1 must…`). */
export function shownText(message: string): string {
  return message.replace(/^rules\.\d+\.(?:(?:when|then)\.)?/, '').replace(/^defaultRoleId:\s*/, '');
}

export function groupErrors(messages: readonly string[]): Map<ErrorPlace, string[]> {
  const grouped = new Map<ErrorPlace, string[]>();
  for (const message of messages) {
    const place = placeOf(message);
    grouped.set(place, [...(grouped.get(place) ?? []), shownText(message)]);
  }
  return grouped;
}

/** The key of one field of one rule, as groupErrors files it. */
export const ruleField = (index: number, field?: string): ErrorPlace => (field ? `rules.${index}.${field}` : `rules.${index}`);
