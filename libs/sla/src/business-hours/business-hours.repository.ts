import { Injectable } from '@nestjs/common';
import { rows, type Queryable } from '@app/db';
import type { BusinessHoursFields } from '../calendar/weekly-hours';
import type { BusinessHoursView } from './business-hours.view';

const COLUMNS = `id, name, timezone, weekly, holidays, created_at, updated_at`;

interface BusinessHoursRow {
  id: string;
  name: string;
  timezone: string;
  weekly: BusinessHoursView['weekly'];
  holidays: string[];
  created_at: Date;
  updated_at: Date;
}

/** Working-hours calendars. Every statement names the workspace, so no query can cross tenants. */
@Injectable()
export class BusinessHoursRepository {
  async list(db: Queryable, workspaceId: string): Promise<BusinessHoursView[]> {
    return (await rows<BusinessHoursRow>(db, `SELECT ${COLUMNS} FROM business_hours WHERE workspace_id = $1 ORDER BY lower(name), created_at, id`, [workspaceId])).map(toView);
  }

  /** With `lock`, the row stays locked until the transaction ends: concurrent edits of one calendar serialize. */
  async find(db: Queryable, workspaceId: string, id: string, lock = false): Promise<BusinessHoursView | null> {
    const [row] = await rows<BusinessHoursRow>(db, `SELECT ${COLUMNS} FROM business_hours WHERE workspace_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`, [
      workspaceId,
      id,
    ]);
    return row ? toView(row) : null;
  }

  async insert(db: Queryable, workspaceId: string, fields: BusinessHoursFields): Promise<BusinessHoursView> {
    const [row] = await rows<BusinessHoursRow>(
      db,
      `INSERT INTO business_hours (workspace_id, name, timezone, weekly, holidays) VALUES ($1, $2, $3, $4::jsonb, $5::text[]) RETURNING ${COLUMNS}`,
      [workspaceId, fields.name, fields.timezone, JSON.stringify(fields.weekly), fields.holidays],
    );
    return toView(row!);
  }

  async replace(db: Queryable, workspaceId: string, id: string, fields: BusinessHoursFields): Promise<BusinessHoursView | null> {
    const [row] = await rows<BusinessHoursRow>(
      db,
      `UPDATE business_hours SET name = $3, timezone = $4, weekly = $5::jsonb, holidays = $6::text[], updated_at = now()
       WHERE workspace_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [workspaceId, id, fields.name, fields.timezone, JSON.stringify(fields.weekly), fields.holidays],
    );
    return row ? toView(row) : null;
  }

  async delete(db: Queryable, workspaceId: string, id: string): Promise<boolean> {
    return (await rows(db, `DELETE FROM business_hours WHERE workspace_id = $1 AND id = $2 RETURNING id`, [workspaceId, id])).length > 0;
  }
}

function toView(r: BusinessHoursRow): BusinessHoursView {
  return {
    id: r.id,
    name: r.name,
    timezone: r.timezone,
    weekly: r.weekly,
    holidays: r.holidays ?? [],
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
