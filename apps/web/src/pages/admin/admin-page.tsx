import type { ComponentType } from 'react';
import { useMe } from '../../auth/session';
import { href } from '../../app/router';
import { useT, type MessageKey } from '../../i18n/i18n';
import { pickSection, sectionsFor, type AdminSectionId } from './admin-sections';
import { BusinessHoursSection } from './business-hours-section';
import { CannedResponsesSection } from './canned-responses-section';
import { ChannelsSection } from './channels-section';
import { ReplyPolicySection } from './reply-policy-section';
import { SettingsSection } from './settings-section';
import { SlaPoliciesSection } from './sla-policies-section';
import { UsersSection } from './users-section';
import './admin.css';

const LABELS: Record<AdminSectionId, MessageKey> = {
  channels: 'admin.section.channels',
  users: 'admin.section.users',
  'sla-policies': 'admin.section.slaPolicies',
  'business-hours': 'admin.section.businessHours',
  settings: 'admin.section.settings',
  'canned-responses': 'admin.section.cannedResponses',
  'reply-policy': 'admin.section.replyPolicy',
};

const SECTIONS: Record<AdminSectionId, ComponentType> = {
  channels: ChannelsSection,
  users: UsersSection,
  'sla-policies': SlaPoliciesSection,
  'business-hours': BusinessHoursSection,
  settings: SettingsSection,
  'canned-responses': CannedResponsesSection,
  'reply-policy': ReplyPolicySection,
};

/**
 * Administration: a side menu of the sections the signed-in user may edit (admins all; supervisors the SLA ones),
 * and the chosen section. A section the user may not open shows the first one they may.
 */
export function AdminPage({ section }: { section?: string }) {
  const t = useT();
  const me = useMe();
  const current = pickSection(me.access, section);
  const Section = current ? SECTIONS[current] : null;
  return (
    <div className="admin">
      <nav className="admin-menu" aria-labelledby="admin-title">
        <h1 id="admin-title">{t('admin.title')}</h1>
        <ul>
          {sectionsFor(me.access).map((id) => (
            <li key={id}>
              <a href={href(`/admin/${id}`)} aria-current={id === current ? 'page' : undefined}>
                {t(LABELS[id])}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="admin-body">{Section ? <Section key={`${current}-${me.workspaceId}`} /> : <p className="muted">{t('admin.nothing')}</p>}</div>
    </div>
  );
}
