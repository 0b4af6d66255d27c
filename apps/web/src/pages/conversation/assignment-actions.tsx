import { useState } from 'react';
import { AssignPicker, type AssignmentChoice } from '../../components/assign-picker';
import { useI18n } from '../../i18n/i18n';
import type { Abilities } from './abilities';

/** "Assign to me" (shortcut a) and, for leads and admins, reassignment to any role or person. */
export function AssignmentActions({ abilities, busy, onTake, onPick }: { abilities: Abilities; busy: boolean; onTake(): Promise<boolean>; onPick(choice: AssignmentChoice): Promise<boolean> }) {
  const { t } = useI18n();
  const [picking, setPicking] = useState(false);
  if (!abilities.takeForMe && !abilities.reassign) return null;
  return (
    <div className="conv-assign">
      {abilities.takeForMe && (
        <button type="button" disabled={busy} onClick={() => void onTake()} title={t('shortcut.assignMe')}>
          {t('conversation.assign.me')}
        </button>
      )}
      {abilities.reassign && (
        <button type="button" aria-expanded={picking} onClick={() => setPicking((p) => !p)}>
          {t('conversation.assign.reassign')}
        </button>
      )}
      {picking && (
        <div className="conv-popover" role="group" aria-label={t('conversation.assign.reassign')}>
          <AssignPicker
            busy={busy}
            onPick={async (choice) => {
              if (await onPick(choice)) setPicking(false);
            }}
          />
        </div>
      )}
    </div>
  );
}
