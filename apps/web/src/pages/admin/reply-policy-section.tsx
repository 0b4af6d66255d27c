import { useEffect, useState, type FormEvent } from 'react';
import { useSession } from '../../auth/session';
import { Loaded } from '../../components/feedback';
import { useResource } from '../../components/use-resource';
import { useT } from '../../i18n/i18n';
import type { ReplyPolicy } from './admin-types';
import { Field, FormActions, FormStatus, useFormatDate, useSubmit } from './form-kit';
import { joinLines, parseLines } from './term-lists';

interface TopicDraft {
  key: number;
  name: string;
  terms: string;
}

let topicKeys = 0;
const draft = (name = '', terms: string[] = []): TopicDraft => ({ key: ++topicKeys, name, terms: joinLines(terms) });

/**
 * The workspace's reply policy: terms that block a public reply, terms that only warn, and approval topics whose
 * replies wait for a lead or admin. Saving replaces the whole policy (the API's PUT).
 */
export function ReplyPolicySection() {
  const t = useT();
  const { api } = useSession();
  const formatDate = useFormatDate();
  const policy = useResource<ReplyPolicy>('/api/reply-policy');
  const [block, setBlock] = useState('');
  const [warn, setWarn] = useState('');
  const [topics, setTopics] = useState<TopicDraft[]>([]);
  const { busy, error, note, run } = useSubmit();

  useEffect(() => {
    if (!policy.data) return;
    setBlock(joinLines(policy.data.blockTerms));
    setWarn(joinLines(policy.data.warnTerms));
    setTopics(policy.data.approvalTopics.map((tp) => draft(tp.name, tp.terms)));
  }, [policy.data]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = {
      blockTerms: parseLines(block),
      warnTerms: parseLines(warn),
      approvalTopics: topics.map((tp) => ({ name: tp.name.trim(), terms: parseLines(tp.terms) })),
    };
    const saved = await run(() => api<ReplyPolicy>('/api/reply-policy', { method: 'PUT', body }), t('admin.policy.saved'));
    if (saved) policy.setData(saved);
  }

  const setTopic = (key: number, change: Partial<TopicDraft>) => setTopics((list) => list.map((tp) => (tp.key === key ? { ...tp, ...change } : tp)));

  return (
    <section aria-labelledby="policy-title" className="admin-section">
      <h2 id="policy-title">{t('admin.policy.title')}</h2>
      <p className="muted">{t('admin.policy.intro')}</p>
      <Loaded resource={policy}>
        {(saved) => (
          <form className="card admin-form" onSubmit={submit} noValidate aria-labelledby="policy-title">
            <p className="muted">
              {saved.updatedAt ? t('admin.policy.updated', { when: formatDate(saved.updatedAt), name: saved.updatedBy?.name ?? '—' }) : t('admin.policy.neverSet')}
            </p>
            <div className="form-grid two">
              <Field label={t('admin.policy.block')} hint={t('admin.policy.blockHint')}>
                {(p) => <textarea {...p} rows={6} value={block} onChange={(e) => setBlock(e.target.value)} />}
              </Field>
              <Field label={t('admin.policy.warn')} hint={t('admin.policy.warnHint')}>
                {(p) => <textarea {...p} rows={6} value={warn} onChange={(e) => setWarn(e.target.value)} />}
              </Field>
            </div>
            <fieldset className="topics">
              <legend>{t('admin.policy.topics')}</legend>
              <small className="muted">{t('admin.policy.topicsHint')}</small>
              {topics.length === 0 && <p className="muted">{t('admin.policy.noTopics')}</p>}
              {topics.map((tp, index) => (
                <div className="topic" key={tp.key}>
                  <Field label={t('admin.policy.topicName', { n: index + 1 })}>
                    {(p) => <input {...p} value={tp.name} maxLength={50} onChange={(e) => setTopic(tp.key, { name: e.target.value })} />}
                  </Field>
                  <Field label={t('admin.policy.topicTerms', { n: index + 1 })} hint={t('admin.policy.topicTermsHint')}>
                    {(p) => <textarea {...p} rows={3} value={tp.terms} onChange={(e) => setTopic(tp.key, { terms: e.target.value })} />}
                  </Field>
                  <button type="button" className="link" onClick={() => setTopics((list) => list.filter((x) => x.key !== tp.key))} aria-label={t('admin.policy.removeTopic', { n: index + 1 })}>
                    {t('admin.remove')}
                  </button>
                </div>
              ))}
              <button type="button" onClick={() => setTopics((list) => [...list, draft()])}>
                {t('admin.policy.addTopic')}
              </button>
            </fieldset>
            <FormStatus error={error} note={note} />
            <FormActions editing busy={busy} />
          </form>
        )}
      </Loaded>
    </section>
  );
}
