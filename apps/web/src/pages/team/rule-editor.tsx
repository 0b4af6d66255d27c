import { CHANNEL_TYPES, KINDS, PRIORITIES, SENTIMENTS, type ChannelType, type Kind, type Priority, type Sentiment } from '../../api/types';
import type { Channel, Role } from '../../components/directory';
import { NamedOptions, ValueOptions } from '../../components/options';
import { useI18n } from '../../i18n/i18n';
import { toggleChoice, type RuleDraft } from './map-draft';
import { ruleField } from './map-errors';

interface Props {
  rule: RuleDraft;
  index: number;
  count: number;
  roles: Role[];
  channels: Channel[];
  errors: ReadonlyMap<string, string[]>;
  onChange(rule: RuleDraft): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
}

/** The server's messages about one field, announced and tied to the control by id. */
export function FieldErrors({ id, messages }: { id: string; messages: string[] | undefined }) {
  if (!messages?.length) return null;
  return (
    <span className="field-error" id={id}>
      {messages.join('; ')}
    </span>
  );
}

/** Props that tie a control to its errors. */
function invalidProps(errorId: string, messages: string[] | undefined) {
  return messages?.length ? { 'aria-invalid': true as const, 'aria-describedby': errorId } : {};
}

/** One rule of the map: its name, its conditions (all given must hold) and its outcome. */
export function RuleEditor({ rule, index, count, roles, channels, errors, onChange, onMove, onRemove }: Props) {
  const { t } = useI18n();
  const set = <K extends keyof RuleDraft>(key: K, value: RuleDraft[K]) => onChange({ ...rule, [key]: value });
  const base = `rule-${rule.key}`;
  const err = (field: string) => errors.get(ruleField(index, field));
  const ruleErrors = errors.get(ruleField(index));
  const number = index + 1;

  const textField = (field: 'name' | 'languages' | 'keywords' | 'minFollowers' | 'tags', path: string, label: string, hint?: string) => {
    const messages = err(path);
    const errorId = `${base}-${field}-error`;
    return (
      <div className={`field rule-${field}`}>
        <label>
          {label}
          <input
            value={rule[field]}
            onChange={(e) => set(field, e.target.value)}
            inputMode={field === 'minFollowers' ? 'numeric' : undefined}
            placeholder={hint}
            {...invalidProps(errorId, messages)}
          />
        </label>
        <FieldErrors id={errorId} messages={messages} />
      </div>
    );
  };

  function choices<T extends string>(field: 'channelTypes' | 'kinds' | 'sentiment', path: string, legend: string, offered: readonly T[], label: (v: T) => string) {
    const messages = err(path);
    const errorId = `${base}-${field}-error`;
    const chosen = rule[field] as unknown as T[];
    return (
      <fieldset className={`choices rule-${field}`} {...invalidProps(errorId, messages)}>
        <legend>{legend}</legend>
        <div className="choice-list">
          {offered.map((v) => (
            <label key={v} className="check">
              <input type="checkbox" checked={chosen.includes(v)} onChange={() => set(field, toggleChoice(chosen, v, offered) as never)} />
              {label(v)}
            </label>
          ))}
        </div>
        <FieldErrors id={errorId} messages={messages} />
      </fieldset>
    );
  }

  const channelMessages = err('when.channelIds');
  const channelIds = channels.map((c) => c.id);
  const roleMessages = err('then.roleId');
  const priorityMessages = err('then.priority');

  return (
    <fieldset className="card rule" aria-describedby={ruleErrors?.length ? `${base}-errors` : undefined}>
      <legend>{rule.name.trim() ? t('team.rule.legendNamed', { number, name: rule.name.trim() }) : t('team.rule.legend', { number })}</legend>
      <div className="rule-tools">
        <button type="button" onClick={() => onMove(-1)} disabled={index === 0} aria-label={t('team.rule.up', { number })} title={t('team.rule.up', { number })}>
          ↑
        </button>
        <button type="button" onClick={() => onMove(1)} disabled={index === count - 1} aria-label={t('team.rule.down', { number })} title={t('team.rule.down', { number })}>
          ↓
        </button>
        <button type="button" className="danger" onClick={onRemove} aria-label={t('team.rule.remove', { number })} title={t('team.rule.remove', { number })}>
          {t('app.delete')}
        </button>
      </div>
      {ruleErrors?.length ? (
        <p className="note note-error" id={`${base}-errors`}>
          {ruleErrors.join('; ')}
        </p>
      ) : null}
      {textField('name', 'name', t('team.rule.name'))}
      <div className="rule-columns">
        <div className="rule-when">
          <h4>{t('team.rule.when')}</h4>
          <p className="hint">{t('team.rule.whenHelp')}</p>
          {textField('keywords', 'when.keywords', t('team.rule.keywords'), t('team.rule.keywordsHint'))}
          {choices<ChannelType>('channelTypes', 'when.channelTypes', t('team.rule.channelTypes'), CHANNEL_TYPES, (v) => t(`channel.${v}`))}
          {channels.length > 0 && (
            <fieldset className="choices rule-channelIds" {...invalidProps(`${base}-channelIds-error`, channelMessages)}>
              <legend>{t('team.rule.channels')}</legend>
              <div className="choice-list">
                {channels.map((c) => (
                  <label key={c.id} className="check">
                    <input
                      type="checkbox"
                      checked={rule.channelIds.includes(c.id)}
                      onChange={() => set('channelIds', toggleChoice(rule.channelIds, c.id, channelIds))}
                    />
                    {c.name}
                  </label>
                ))}
              </div>
              <FieldErrors id={`${base}-channelIds-error`} messages={channelMessages} />
            </fieldset>
          )}
          {choices<Kind>('kinds', 'when.kinds', t('team.rule.kinds'), KINDS, (v) => t(`kind.${v}`))}
          {choices<Sentiment>('sentiment', 'when.sentiment', t('team.rule.sentiment'), SENTIMENTS, (v) => t(`sentiment.${v}`))}
          <div className="row">
            {textField('languages', 'when.languages', t('team.rule.languages'), t('team.rule.languagesHint'))}
            {textField('minFollowers', 'when.minFollowers', t('team.rule.minFollowers'))}
          </div>
        </div>
        <div className="rule-then">
          <h4>{t('team.rule.then')}</h4>
          <div className="field">
            <label>
              {t('team.rule.role')}
              <select value={rule.roleId} onChange={(e) => set('roleId', e.target.value)} {...invalidProps(`${base}-roleId-error`, roleMessages)}>
                <option value="">{t('team.rule.pickRole')}</option>
                <NamedOptions items={roles} missing={{ value: rule.roleId, label: t('team.rule.deletedRole') }} />
              </select>
            </label>
            <FieldErrors id={`${base}-roleId-error`} messages={roleMessages} />
          </div>
          <div className="field">
            <label>
              {t('team.rule.priority')}
              <select value={rule.priority} onChange={(e) => set('priority', e.target.value as Priority)} {...invalidProps(`${base}-priority-error`, priorityMessages)}>
                <ValueOptions values={PRIORITIES} label={(p) => t(`priority.${p}`)} />
              </select>
            </label>
            <FieldErrors id={`${base}-priority-error`} messages={priorityMessages} />
          </div>
          {textField('tags', 'then.tags', t('team.rule.tags'), t('team.rule.tagsHint'))}
        </div>
      </div>
    </fieldset>
  );
}
