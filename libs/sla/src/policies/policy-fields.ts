import { UUID_PATTERN } from '@app/common';
import type { Checked } from '../calendar/weekly-hours';
import { BREACH_ACTIONS, POLICY_CHANNEL_TYPES, POLICY_KINDS, POLICY_PRIORITIES, type SlaPolicyFields, type SlaPolicyWhen } from './sla-policy';

/** A year: longer targets are surely a typo (seconds for minutes), and they keep due times far from overflow. */
export const MAX_TARGET_SECONDS = 31_536_000;
export const DEFAULT_WARN_AT_PERCENT = 80;
const MAX_NAME = 100;
/** More roles than any desk has; bounds the work of matching and the size of a stored policy. */
const MAX_LIST = 100;

const FIELDS = ['name', 'when', 'firstResponseSeconds', 'nextResponseSeconds', 'resolutionSeconds', 'businessHoursId', 'warnAtPercent', 'onBreach'] as const;
type Field = (typeof FIELDS)[number];
const FIELD_SET = new Set<string>(FIELDS);

/** What a client sends (a POST or PATCH body): checked as a whole, whatever the types. */
export type PolicyInput = Partial<Record<Field, unknown>>;

const LISTS: Record<keyof SlaPolicyWhen, readonly string[] | 'uuid'> = {
  priorities: POLICY_PRIORITIES,
  channelTypes: POLICY_CHANNEL_TYPES,
  roleIds: 'uuid',
  kinds: POLICY_KINDS,
};

/**
 * Checks a new policy (POST) in one pass and names every problem at once, so a client fixes its form in one round
 * trip. Left out: `when` matches everything, optional targets are off, no business hours (wall-clock time),
 * warning at 80 %, breaches only notify. Lists come back without duplicates, role ids in lower case.
 */
export function checkNewPolicy(input: unknown): Checked<SlaPolicyFields> {
  const problems: string[] = [];
  const body = asBody(input, problems);
  if (!body) return { ok: false, problems };
  const patch = checkFields(body, problems, true);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      name: patch.name!,
      when: patch.when ?? {},
      firstResponseSeconds: patch.firstResponseSeconds!,
      nextResponseSeconds: patch.nextResponseSeconds ?? null,
      resolutionSeconds: patch.resolutionSeconds ?? null,
      businessHoursId: patch.businessHoursId ?? null,
      warnAtPercent: patch.warnAtPercent ?? DEFAULT_WARN_AT_PERCENT,
      onBreach: patch.onBreach ?? 'notify',
    },
  };
}

/**
 * Checks a PATCH: only the fields given, each as on POST; `null` clears the optional targets and the business
 * hours. `when`, when given, replaces the whole condition.
 */
export function checkPolicyPatch(input: unknown): Checked<Partial<SlaPolicyFields>> {
  const problems: string[] = [];
  const body = asBody(input, problems);
  if (!body) return { ok: false, problems };
  const patch = checkFields(body, problems, false);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: patch };
}

function asBody(input: unknown, problems: string[]): Record<string, unknown> | null {
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) return input as Record<string, unknown>;
  problems.push('body must be an object');
  return null;
}

/** Every field present in the body, checked; `undefined` values count as absent (DTO instances carry them). */
function checkFields(body: Record<string, unknown>, problems: string[], creating: boolean): Partial<SlaPolicyFields> {
  const out: Partial<SlaPolicyFields> = {};
  for (const key of Object.keys(body)) if (!FIELD_SET.has(key) && body[key] !== undefined) problems.push(`${key} is not allowed`);

  if (body.name === undefined) {
    if (creating) problems.push('name is required');
  } else {
    const name = typeof body.name === 'string' ? body.name.trim() : null;
    if (name === null || name.length === 0 || name.length > MAX_NAME) problems.push(`name must be a text of 1 to ${MAX_NAME} characters`);
    else out.name = name;
  }
  if (body.when !== undefined) {
    const when = checkWhen(body.when, problems);
    if (when) out.when = when;
  }
  if (body.firstResponseSeconds === undefined) {
    if (creating) problems.push('firstResponseSeconds is required');
  } else {
    if (isSeconds(body.firstResponseSeconds)) out.firstResponseSeconds = body.firstResponseSeconds;
    else problems.push(`firstResponseSeconds must be an integer from 1 to ${MAX_TARGET_SECONDS} (got ${show(body.firstResponseSeconds)})`);
  }
  for (const key of ['nextResponseSeconds', 'resolutionSeconds'] as const) {
    const value = body[key];
    if (value === undefined) continue;
    if (value === null || isSeconds(value)) out[key] = value;
    else problems.push(`${key} must be an integer from 1 to ${MAX_TARGET_SECONDS}, or null for none (got ${show(value)})`);
  }
  if (body.businessHoursId !== undefined) {
    const id = body.businessHoursId;
    if (id === null) out.businessHoursId = null;
    else if (typeof id === 'string' && UUID_PATTERN.test(id)) out.businessHoursId = id.toLowerCase();
    else problems.push(`businessHoursId must be a UUID, or null for wall-clock time (got ${show(id)})`);
  }
  if (body.warnAtPercent !== undefined) {
    const pct = body.warnAtPercent;
    if (typeof pct === 'number' && Number.isInteger(pct) && pct >= 1 && pct <= 100) out.warnAtPercent = pct;
    else problems.push(`warnAtPercent must be an integer from 1 to 100 (got ${show(pct)})`);
  }
  if (body.onBreach !== undefined) {
    if ((BREACH_ACTIONS as readonly unknown[]).includes(body.onBreach)) out.onBreach = body.onBreach as SlaPolicyFields['onBreach'];
    else problems.push(`onBreach must be one of ${BREACH_ACTIONS.join(', ')} (got ${show(body.onBreach)})`);
  }
  return out;
}

function checkWhen(value: unknown, problems: string[]): SlaPolicyWhen | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push('when must be an object {priorities?, channelTypes?, roleIds?, kinds?}');
    return null;
  }
  const raw = value as Record<string, unknown>;
  const before = problems.length;
  const when: Record<string, string[]> = {};
  for (const key of Object.keys(raw)) if (!(key in LISTS)) problems.push(`when.${key} is not allowed`);
  for (const [key, allowed] of Object.entries(LISTS)) {
    const list = raw[key];
    if (list === undefined) continue;
    const expected = allowed === 'uuid' ? 'UUIDs' : `of ${allowed.join(', ')}`;
    if (!Array.isArray(list)) {
      problems.push(`when.${key} must be a list ${expected}`);
      continue;
    }
    if (list.length > MAX_LIST) {
      problems.push(`when.${key} may hold at most ${MAX_LIST} values`);
      continue;
    }
    const seen = new Set<string>();
    list.forEach((item: unknown, index) => {
      if (allowed === 'uuid' ? typeof item === 'string' && UUID_PATTERN.test(item) : allowed.includes(item as string)) seen.add((item as string).toLowerCase());
      else problems.push(`when.${key}[${index}] must be ${allowed === 'uuid' ? 'a UUID' : `one of ${allowed.join(', ')}`} (got ${show(item)})`);
    });
    when[key] = [...seen];
  }
  return problems.length === before ? (when as SlaPolicyWhen) : null;
}

function isSeconds(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_TARGET_SECONDS;
}

/** The offending value, short: a huge string or array must not blow up the error message. */
function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
