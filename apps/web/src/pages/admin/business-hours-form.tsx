import { useState, type FormEvent } from 'react';
import { useSession } from '../../auth/session';
import { useT } from '../../i18n/i18n';
import type { BusinessHours } from './admin-types';
import { Field, FormActions, FormCard, FormStatus, saveItem, TimeZoneSelect, useSubmit } from './form-kit';
import { HolidaysEditor } from './holidays-editor';
import { browserTimeZone } from './time-zones';
import { gridFromIntervals, intervalsFromGrid, weekdaysGrid, type WeeklyGrid } from './weekly-grid';
import { WeeklyGridEditor } from './weekly-grid-editor';

/** Creates or edits a working-hours calendar: name, time zone, the weekly hours and the holidays. */
export function BusinessHoursForm({ calendar, onSaved, onCancel }: { calendar?: BusinessHours; onSaved(calendar: BusinessHours): void; onCancel(): void }) {
  const t = useT();
  const { api } = useSession();
  const editing = calendar !== undefined;
  const [name, setName] = useState(calendar?.name ?? '');
  const [timezone, setTimezone] = useState(calendar?.timezone ?? browserTimeZone());
  const [grid, setGrid] = useState<WeeklyGrid>(() => (calendar ? gridFromIntervals(calendar.weekly) : weekdaysGrid()));
  const [holidays, setHolidays] = useState<string[]>(calendar?.holidays ?? []);
  const { busy, error, note, run } = useSubmit();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = { name, timezone, weekly: intervalsFromGrid(grid), holidays };
    const saved = await run(
      () => saveItem<BusinessHours>(api, '/api/business-hours', calendar?.id, body),
      (c) => t('admin.hours.saved', { name: c.name }),
    );
    if (saved) {
      // The server's reading of the week (sorted, times as stored) replaces what was typed.
      setGrid(gridFromIntervals(saved.weekly));
      setHolidays(saved.holidays);
      onSaved(saved);
    }
  }

  return (
    <FormCard title={editing ? t('admin.hours.editTitle', { name: calendar.name }) : t('admin.hours.newTitle')} onSubmit={submit}>
      <div className="form-grid">
        <Field label={t('admin.hours.name')} required>
          {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />}
        </Field>
        <Field label={t('admin.timezone')} hint={t('admin.hours.timezoneHint')}>
          {(p) => <TimeZoneSelect id={p.id} value={timezone} onChange={setTimezone} describedBy={p['aria-describedby']} />}
        </Field>
      </div>
      <WeeklyGridEditor grid={grid} onChange={setGrid} />
      <HolidaysEditor holidays={holidays} onChange={setHolidays} />
      <FormStatus error={error} note={note} />
      <FormActions editing={editing} createLabel={t('admin.hours.create')} busy={busy} onCancel={onCancel} />
    </FormCard>
  );
}
