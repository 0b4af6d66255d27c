import { useState, type ReactNode } from 'react';
import type { Access } from '../api/types';
import { useMe, useSession } from '../auth/session';
import { useI18n, type MessageKey } from '../i18n/i18n';
import { useLive, type PresenceStatus } from '../live/live';
import { LanguageSwitch } from './language-switch';
import { href, navigate, useRoute } from './router';
import { SHORTCUTS, useShortcuts } from './shortcuts';

interface NavItem {
  to: string;
  label: MessageKey;
  levels: Access[];
}

export const NAV: NavItem[] = [
  { to: '/inbox', label: 'nav.inbox', levels: ['agent', 'lead', 'supervisor', 'admin'] },
  { to: '/team', label: 'nav.team', levels: ['lead', 'admin'] },
  { to: '/sla', label: 'nav.sla', levels: ['lead', 'supervisor', 'admin'] },
  { to: '/reports', label: 'nav.reports', levels: ['lead', 'supervisor', 'admin'] },
  { to: '/admin', label: 'nav.admin', levels: ['supervisor', 'admin'] },
];

export function Shell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const me = useMe();
  const { signOut, switchWorkspace } = useSession();
  const live = useLive();
  const route = useRoute();
  const [help, setHelp] = useState(false);
  const [pendingG, setPendingG] = useState(false);

  useShortcuts({
    '?': () => setHelp((h) => !h),
    g: () => setPendingG(true),
    i: () => {
      if (pendingG) navigate('/inbox');
      setPendingG(false);
    },
    Escape: () => setHelp(false),
  });

  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">{t('app.title')}</span>
        <nav aria-label={t('nav.main')}>
          <ul>
            {NAV.filter((n) => n.levels.includes(me.access)).map((n) => (
              <li key={n.to}>
                <a href={href(n.to)} aria-current={route.path.startsWith(n.to) ? 'page' : undefined}>
                  {t(n.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="topbar-tools">
          <span className={`live-dot ${live.connected ? 'on' : 'off'}`} role="status" data-testid="live-status">
            {live.connected ? t('app.live.connected') : t('app.live.offline')}
          </span>
          <select aria-label={t('nav.presence')} value={live.presence} onChange={(e) => live.setPresence(e.target.value as PresenceStatus)}>
            <option value="online">{t('presence.online')}</option>
            <option value="away">{t('presence.away')}</option>
          </select>
          <select aria-label={t('nav.workspace')} value={me.workspaceId} onChange={(e) => void switchWorkspace(e.target.value)} data-testid="workspace">
            {me.memberships.map((m) => (
              <option key={m.workspaceId} value={m.workspaceId}>
                {m.name}
              </option>
            ))}
          </select>
          <LanguageSwitch />
          <button type="button" className="icon" aria-label={t('nav.shortcuts')} title={t('nav.shortcuts')} onClick={() => setHelp(true)}>
            ?
          </button>
          <span className="who" title={me.email}>
            {me.name} · {t(`access.${me.access}`)}
          </span>
          <button type="button" onClick={signOut}>
            {t('nav.signOut')}
          </button>
        </div>
      </header>
      <main className="content">{children}</main>
      {help && (
        <div className="dialog-backdrop" onClick={() => setHelp(false)}>
          <div
            className="dialog"
            role="dialog"
            aria-modal="true"
            aria-labelledby="shortcuts-title"
            onClick={(e) => e.stopPropagation()}
            onKeyDown={(e) => {
              // Before any page's Esc (a conversation's closes it): Esc over this dialog closes the dialog only.
              if (e.key !== 'Escape') return;
              e.preventDefault();
              setHelp(false);
            }}
          >
            <h2 id="shortcuts-title">{t('nav.shortcuts')}</h2>
            <dl className="shortcuts">
              {SHORTCUTS.map((s) => (
                <div key={s.keys}>
                  <dt>
                    <kbd>{s.keys}</kbd>
                  </dt>
                  <dd>{t(s.action)}</dd>
                </div>
              ))}
            </dl>
            <button type="button" onClick={() => setHelp(false)} autoFocus>
              {t('app.close')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
