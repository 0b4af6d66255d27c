import { useState, type FormEvent } from 'react';
import { CHANNEL_TYPES, type ChannelType } from '../../api/types';
import { useSession } from '../../auth/session';
import { useT, type MessageKey } from '../../i18n/i18n';
import type { ChannelView } from './admin-types';
import { DEFAULT_API_BASE_URL, configForCreate, configForEdit, fieldHintKey, fieldLabelKey, fieldsOf, registerKey, valuesFrom, type ChannelField, type FieldValues } from './channel-fields';
import { Field, FormActions, FormCard, FormStatus, saveItem, SecretInput, useSubmit } from './form-kit';

/**
 * Creates a channel (pick the platform, then exactly the fields it needs) or edits one (name and config; a secret
 * left empty keeps the stored one, which the API never shows).
 */
export function ChannelForm({ channel, onSaved, onCancel }: { channel?: ChannelView; onSaved(channel: ChannelView): void; onCancel(): void }) {
  const t = useT();
  const { api } = useSession();
  const editing = channel !== undefined;
  const [type, setType] = useState<ChannelType>(channel?.type ?? 'facebook');
  const [name, setName] = useState(channel?.name ?? '');
  const [values, setValues] = useState<FieldValues>(() => valuesFrom(channel?.type ?? 'facebook', channel?.config));
  const [clear, setClear] = useState<ReadonlySet<string>>(new Set());
  const { busy, error, note, run } = useSubmit();

  function pickType(next: ChannelType) {
    setType(next);
    setValues(valuesFrom(next));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = editing ? { name, config: configForEdit(type, values, channel.config, clear) } : { type, name, config: configForCreate(type, values) };
    const saved = await run(() => saveItem<ChannelView>(api, '/api/channels', channel?.id, body), editing ? t('admin.channels.saved') : undefined);
    if (!saved) return;
    if (editing) {
      // What was typed is saved: secrets go back to "kept" rather than staying readable in the form.
      setValues(valuesFrom(type, saved.config));
      setClear(new Set());
    }
    onSaved(saved);
  }

  const platform = t(`channel.${type}`);
  return (
    <FormCard title={editing ? t('admin.channels.editTitle', { name: channel.name }) : t('admin.channels.newTitle')} onSubmit={submit}>
      {editing ? (
        <p>
          {t('admin.channels.type')}: <strong>{platform}</strong>
        </p>
      ) : (
        <fieldset className="type-picker">
          <legend>{t('admin.channels.pickType')}</legend>
          {CHANNEL_TYPES.map((ct) => (
            <label key={ct} className={`type-tile${ct === type ? ' chosen' : ''}`}>
              <input type="radio" name="channel-type" value={ct} checked={ct === type} onChange={() => pickType(ct)} />
              {t(`channel.${ct}`)}
            </label>
          ))}
        </fieldset>
      )}
      <Field label={t('admin.channels.name')} required hint={t('admin.channels.nameHint')}>
        {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />}
      </Field>
      <fieldset className="config-fields">
        <legend>{t('admin.channels.config', { platform })}</legend>
        {fieldsOf(type).map((f) => (
          <ConfigInput
            key={`${type}-${f.name}`}
            type={type}
            field={f}
            value={values[f.name] ?? ''}
            onChange={(v) => setValues((old) => ({ ...old, [f.name]: v }))}
            stored={editing ? channel.secretsSet.includes(f.name) : null}
            cleared={clear.has(f.name)}
            onClear={(on) =>
              setClear((old) => {
                const next = new Set(old);
                if (on) next.add(f.name);
                else next.delete(f.name);
                return next;
              })
            }
          />
        ))}
      </fieldset>
      <aside className="note note-info" aria-label={t('admin.channels.registerTitle', { platform })}>
        <strong>{t('admin.channels.registerTitle', { platform })}</strong>
        <p>{t(registerKey(type) as MessageKey)}</p>
      </aside>
      <FormStatus error={error} note={note} />
      <FormActions editing={editing} createLabel={t('admin.channels.create')} busy={busy} onCancel={onCancel} />
    </FormCard>
  );
}

/** One config field: a password input with a "show" toggle for secrets, the platform's hint below. */
function ConfigInput({
  type,
  field,
  value,
  onChange,
  stored,
  cleared,
  onClear,
}: {
  type: ChannelType;
  field: ChannelField;
  value: string;
  onChange(v: string): void;
  /** Editing: whether the secret is set on the server; creating: null. */
  stored: boolean | null;
  cleared: boolean;
  onClear(on: boolean): void;
}) {
  const t = useT();
  const label = t(fieldLabelKey(field.name) as MessageKey);
  const hint = (
    <>
      {t(fieldHintKey(type, field.name) as MessageKey)} <code>{field.name}</code>
      {!field.required && ` · ${t('admin.optional')}`}
    </>
  );
  const apiBase = field.name === 'apiBaseUrl' ? DEFAULT_API_BASE_URL[type] : null;
  return (
    <Field label={label} hint={hint} required={field.required}>
      {(p) =>
        field.secret ? (
          <>
            <SecretInput
              id={p.id}
              label={label}
              value={value}
              onChange={onChange}
              describedBy={p['aria-describedby']}
              required={field.required}
              placeholder={stored === null ? undefined : stored ? t('admin.channels.secretKept') : t('admin.channels.secretNotSet')}
            />
            {stored && !field.required && (
              <label className="check">
                <input type="checkbox" checked={cleared} onChange={(e) => onClear(e.target.checked)} />
                {t('admin.channels.removeSecret', { name: label })}
              </label>
            )}
          </>
        ) : (
          <input
            {...p}
            type={field.kind === 'url' ? 'url' : field.kind === 'email' ? 'email' : field.kind === 'seconds' ? 'number' : 'text'}
            min={field.kind === 'seconds' ? 10 : undefined}
            max={field.kind === 'seconds' ? 86400 : undefined}
            placeholder={field.kind === 'seconds' ? '60' : (apiBase ?? undefined)}
            spellCheck={false}
            value={value}
            onChange={(e) => onChange(e.target.value)}
          />
        )
      }
    </Field>
  );
}
