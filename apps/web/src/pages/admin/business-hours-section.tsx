import { useT } from '../../i18n/i18n';
import type { BusinessHours } from './admin-types';
import { BusinessHoursForm } from './business-hours-form';
import { CrudSection } from './crud-section';
import { weeklySummary } from './weekly-grid';
import { useDayNames } from './weekly-grid-editor';

/** Working-hours calendars, used by roles (when they hand out work) and SLA policies (business time). */
export function BusinessHoursSection() {
  const t = useT();
  const dayNames = useDayNames('short');
  return (
    <CrudSection<BusinessHours>
      id="hours-title"
      title={t('admin.hours.title')}
      intro={t('admin.hours.intro')}
      addLabel={t('admin.hours.add')}
      emptyText={t('admin.hours.none')}
      path="/api/business-hours"
      columns={[
        { header: t('admin.hours.name'), cell: (c) => c.name },
        { header: t('admin.timezone'), cell: (c) => c.timezone },
        { header: t('admin.hours.weekly'), cell: (c) => weeklySummary(c.weekly, dayNames) },
        { header: t('admin.hours.holidays'), cell: (c) => (c.holidays.length ? c.holidays.join(', ') : '—'), className: 'wrap' },
      ]}
      form={(calendar, onSaved, onCancel) => <BusinessHoursForm calendar={calendar} onSaved={onSaved} onCancel={onCancel} />}
      createdNote={(c) => t('admin.hours.created', { name: c.name })}
      deletion={{
        title: (c) => t('admin.hours.deleteTitle', { name: c.name }),
        explanation: t('admin.hours.deleteExplain'),
      }}
    />
  );
}
