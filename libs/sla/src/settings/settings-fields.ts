import { canonicalTimeZone, type Checked } from '../calendar/weekly-hours';
import { CONSISTENCY_PERIODS, type ConsistencyPeriod, type WorkspaceSettingsPatch } from './workspace-settings';

const KEYS = new Set(['timezone', 'consistency']);
const CONSISTENCY_KEYS = new Set(['period', 'minAttainment']);

/**
 * Checks a PUT /api/workspace/settings body in one pass, naming every problem at once, whatever the types.
 * Fields left out stay as they are, also inside `consistency` (`{consistency: {minAttainment: 0.95}}` keeps the
 * period). The time zone is stored in its canonical IANA spelling.
 */
export function checkSettings(input: unknown): Checked<WorkspaceSettingsPatch> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, problems: ['body must be an object'] };
  const body = input as Record<string, unknown>;
  const problems: string[] = [];
  const value: WorkspaceSettingsPatch = {};
  for (const key of Object.keys(body)) if (!KEYS.has(key) && body[key] !== undefined) problems.push(`${key} is not allowed`);

  if (body.timezone !== undefined) {
    const zone = typeof body.timezone === 'string' ? canonicalTimeZone(body.timezone) : null;
    if (zone) value.timezone = zone;
    else problems.push(`timezone must be an IANA time zone such as Europe/Rome (got ${show(body.timezone)})`);
  }

  const consistency = body.consistency;
  if (consistency !== undefined) {
    if (typeof consistency !== 'object' || consistency === null || Array.isArray(consistency)) {
      problems.push('consistency must be an object {period, minAttainment}');
    } else {
      const raw = consistency as Record<string, unknown>;
      const target: WorkspaceSettingsPatch['consistency'] = {};
      for (const key of Object.keys(raw)) if (!CONSISTENCY_KEYS.has(key)) problems.push(`consistency.${key} is not allowed`);
      if (raw.period !== undefined) {
        if ((CONSISTENCY_PERIODS as readonly unknown[]).includes(raw.period)) target.period = raw.period as ConsistencyPeriod;
        else problems.push(`consistency.period must be one of ${CONSISTENCY_PERIODS.join(', ')} (got ${show(raw.period)})`);
      }
      if (raw.minAttainment !== undefined) {
        const share = raw.minAttainment;
        if (typeof share === 'number' && Number.isFinite(share) && share >= 0 && share <= 1) target.minAttainment = share;
        else problems.push(`consistency.minAttainment must be a number from 0 to 1, a share such as 0.9 (got ${show(share)})`);
      }
      value.consistency = target;
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
