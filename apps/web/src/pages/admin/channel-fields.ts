import { CHANNEL_TYPES, type ChannelType } from '../../api/types';
// The server's own table (an import-free module), so the form asks for exactly what the API checks.
import { CHANNEL_CONFIG_FIELDS, DEFAULT_API_BASE_URL as SERVER_API_BASE_URL, type ConfigField } from '../../../../../libs/channels/src/types/channel-type';

/**
 * What each channel type's config holds, as the API checks it, for the form:
 * which fields to ask for, which are secrets (password inputs, never shown again), which may stay empty.
 */
export interface ChannelField {
  name: string;
  secret: boolean;
  required: boolean;
  kind: 'text' | 'url' | 'seconds' | 'email';
}

/** The form's input for a server field: the address the desk sends e-mail from is typed as one. */
function formField(f: ConfigField): ChannelField {
  const kind = f.kind === 'string' ? (f.name === 'fromAddress' ? 'email' : 'text') : f.kind;
  return { name: f.name, secret: f.secret, required: f.required, kind };
}

export const CHANNEL_FIELDS = Object.fromEntries(CHANNEL_TYPES.map((t) => [t, CHANNEL_CONFIG_FIELDS[t].map(formField)])) as Record<ChannelType, ChannelField[]>;

/** The platform's API root the desk uses when `apiBaseUrl` is left empty (CONTRACT.md); `api` channels have none. */
export const DEFAULT_API_BASE_URL = Object.fromEntries(CHANNEL_TYPES.map((t) => [t, SERVER_API_BASE_URL[t] ?? null])) as Record<ChannelType, string | null>;

const API_BASE_URL: ChannelField = { name: 'apiBaseUrl', secret: false, required: false, kind: 'url' };

/** Every field the form shows for a type: its own, then the optional API root every type takes. */
export const fieldsOf = (type: ChannelType): ChannelField[] => [...CHANNEL_FIELDS[type], API_BASE_URL];

// Message keys, checked against admin.ts by channel-fields.spec.ts (built here, so the table stays one line a type).
export const fieldLabelKey = (name: string) => `admin.channels.field.${name}` as const;
export const fieldHintKey = (type: ChannelType, name: string) => (name === 'apiBaseUrl' ? ('admin.channels.hint.apiBaseUrl' as const) : (`admin.channels.hint.${type}.${name}` as const));
export const registerKey = (type: ChannelType) => `admin.channels.register.${type}` as const;

export type FieldValues = Record<string, string>;

/** The form's starting values: public settings as text, secrets empty (the API never returns them). */
export function valuesFrom(type: ChannelType, settings: Record<string, string | number> = {}): FieldValues {
  const values: FieldValues = {};
  for (const f of fieldsOf(type)) values[f.name] = f.secret || settings[f.name] === undefined ? '' : String(settings[f.name]);
  return values;
}

function parsed(field: ChannelField, text: string): string | number {
  const value = text.trim();
  if (field.kind !== 'seconds') return value;
  // Not a number: sent as typed, and the server names the problem.
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** The config of a new channel: every filled field; empty ones are left out (the server names missing required ones). */
export function configForCreate(type: ChannelType, values: FieldValues): Record<string, string | number> {
  const config: Record<string, string | number> = {};
  for (const f of fieldsOf(type)) {
    const text = values[f.name] ?? '';
    if (text.trim() !== '') config[f.name] = parsed(f, text);
  }
  return config;
}

/**
 * A PATCH's config: the API replaces only the keys it is given. A secret left empty keeps the stored one (it is
 * never shown, so empty means "unchanged") unless listed in `clear`; a public optional field emptied is removed
 * (null); a public required field emptied is sent empty, for the server to refuse by name.
 */
export function configForEdit(
  type: ChannelType,
  values: FieldValues,
  settings: Record<string, string | number>,
  clear: ReadonlySet<string> = new Set(),
): Record<string, string | number | null> {
  const config: Record<string, string | number | null> = {};
  for (const f of fieldsOf(type)) {
    const text = (values[f.name] ?? '').trim();
    if (f.secret) {
      if (text !== '') config[f.name] = text;
      else if (!f.required && clear.has(f.name)) config[f.name] = null;
      continue;
    }
    if (text !== '') {
      if (String(settings[f.name] ?? '') !== text) config[f.name] = parsed(f, text);
    } else if (settings[f.name] !== undefined) config[f.name] = f.required ? '' : null;
  }
  return config;
}

/**
 * What to register with the platform once the channel exists, with the webhook URL filled in and the secrets left as
 * placeholders (the desk does not keep them readable): Telegram's setWebhook call and e-mail's basic-auth URL.
 */
export function registrationUrl(type: ChannelType, webhookUrl: string, placeholders: { botToken: string; secretToken: string; inboundToken: string }): string | null {
  if (type === 'telegram') {
    return `https://api.telegram.org/bot${placeholders.botToken}/setWebhook?url=${encodeURIComponent(webhookUrl)}&secret_token=${placeholders.secretToken}`;
  }
  if (type === 'email') return webhookUrl.replace(/^(https?:\/\/)/, `$1postmark:${placeholders.inboundToken}@`);
  return null;
}
