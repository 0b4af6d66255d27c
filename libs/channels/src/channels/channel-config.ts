import { CHANNEL_CONFIG_FIELDS, type ChannelType, type ConfigField } from '../types/channel-type';

export type ConfigInput = Record<string, unknown>;

export interface SplitConfig {
  /** Public fields (ids, addresses, apiBaseUrl): stored as they are and shown to users. */
  settings: Record<string, string | number>;
  /** Credentials: sealed at rest and never returned. */
  secrets: Record<string, string>;
}

const MAX_VALUE_LENGTH = 4096;

/**
 * Checks a channel's config against its type and splits it into public settings and secrets. With `current`
 * (a PATCH), given keys replace the current ones, `null` removes an optional one, and the result must still be
 * complete. Pure: returns every problem at once, named by field.
 */
export function validateChannelConfig(
  type: ChannelType,
  input: ConfigInput,
  current?: SplitConfig,
): { ok: true; config: SplitConfig } | { ok: false; problems: string[] } {
  const fields = [...CHANNEL_CONFIG_FIELDS[type], { name: 'apiBaseUrl', secret: false, required: false, kind: 'url' } as ConfigField];
  const problems: string[] = [];
  const known = new Set(fields.map((f) => f.name));
  for (const key of Object.keys(input)) {
    if (!known.has(key)) problems.push(`config.${key} is not a setting of ${type} channels (known: ${[...known].join(', ')})`);
  }
  const settings: Record<string, string | number> = { ...(current?.settings ?? {}) };
  const secrets: Record<string, string> = { ...(current?.secrets ?? {}) };
  for (const field of fields) {
    const target: Record<string, string | number> = field.secret ? secrets : settings;
    if (!(field.name in input)) continue;
    const value = input[field.name];
    if (value === null || value === undefined) {
      delete target[field.name];
      continue;
    }
    const problem = checkValue(field, value);
    if (problem) problems.push(`config.${field.name} ${problem}`);
    else target[field.name] = field.kind === 'seconds' ? Number(value) : (value as string).trim();
  }
  for (const field of fields) {
    const present = field.secret ? field.name in secrets : field.name in settings;
    if (field.required && !present && !problems.some((p) => p.startsWith(`config.${field.name} `))) {
      problems.push(`config.${field.name} is required for ${type} channels`);
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, config: { settings, secrets } };
}

function checkValue(field: ConfigField, value: unknown): string | undefined {
  if (field.kind === 'seconds') {
    return Number.isInteger(value) && (value as number) >= 10 && (value as number) <= 86_400 ? undefined : 'must be an integer number of seconds from 10 to 86400';
  }
  if (typeof value !== 'string' || value.trim() === '') return 'must be a non-empty string';
  if (value.length > MAX_VALUE_LENGTH) return `must be at most ${MAX_VALUE_LENGTH} characters`;
  if (value.includes('\u0000')) return 'must not contain the NUL character';
  if (field.kind === 'url') {
    try {
      const url = new URL(value.trim());
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http(s) URL';
      if (url.username || url.password) return 'must not embed credentials';
    } catch {
      return 'must be an http(s) URL';
    }
  }
  return undefined;
}
