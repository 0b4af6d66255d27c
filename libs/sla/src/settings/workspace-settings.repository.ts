import { Injectable } from '@nestjs/common';
import { rows, type Queryable } from '@app/db';
import type { WorkspaceSettings, WorkspaceSettingsPatch } from './workspace-settings';

interface SettingsRow {
  timezone: string;
  consistency_period: WorkspaceSettings['consistency']['period'];
  /** numeric: pg answers it as text, to keep its precision. */
  consistency_min_attainment: string;
}

const COLUMNS = `timezone, consistency_period, consistency_min_attainment`;

/** A workspace's time zone and consistency target, or null when there is no such workspace. For reports and the API. */
export async function workspaceSettings(db: Queryable, workspaceId: string): Promise<WorkspaceSettings | null> {
  const [row] = await rows<SettingsRow>(db, `SELECT ${COLUMNS} FROM workspaces WHERE id = $1`, [workspaceId]);
  return row ? toSettings(row) : null;
}

/** The settings columns of workspaces; every statement names the workspace. */
@Injectable()
export class WorkspaceSettingsRepository {
  find(db: Queryable, workspaceId: string): Promise<WorkspaceSettings | null> {
    return workspaceSettings(db, workspaceId);
  }

  /** Sets what is given (nothing given: reads). */
  async update(db: Queryable, workspaceId: string, patch: WorkspaceSettingsPatch): Promise<WorkspaceSettings | null> {
    const sets: string[] = [];
    const params: unknown[] = [workspaceId];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (patch.timezone !== undefined) set('timezone', patch.timezone);
    if (patch.consistency?.period !== undefined) set('consistency_period', patch.consistency.period);
    if (patch.consistency?.minAttainment !== undefined) set('consistency_min_attainment', patch.consistency.minAttainment);
    if (sets.length === 0) return this.find(db, workspaceId);
    const [row] = await rows<SettingsRow>(db, `UPDATE workspaces SET ${sets.join(', ')} WHERE id = $1 RETURNING ${COLUMNS}`, params);
    return row ? toSettings(row) : null;
  }
}

function toSettings(r: SettingsRow): WorkspaceSettings {
  return { timezone: r.timezone, consistency: { period: r.consistency_period, minAttainment: Number(r.consistency_min_attainment) } };
}
