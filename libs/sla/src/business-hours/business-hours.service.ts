import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainException } from '@app/common';
import { checkBusinessHours, type BusinessHoursFields } from '../calendar/weekly-hours';
import { BusinessHoursRepository } from './business-hours.repository';
import type { BusinessHoursView } from './business-hours.view';

/** What a client sends: checked here as a whole (see checkBusinessHours), not field by field. */
export type BusinessHoursInput = Partial<Record<keyof BusinessHoursFields, unknown>>;

/**
 * Working-hours calendars of a workspace, used by roles (no automatic assignment outside them) and SLA policies
 * (clocks count only business time). Supervisors and admins edit them; the controller enforces that.
 */
@Injectable()
export class BusinessHoursService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly calendars: BusinessHoursRepository,
  ) {}

  list(workspaceId: string): Promise<BusinessHoursView[]> {
    return this.calendars.list(this.db, workspaceId);
  }

  async get(workspaceId: string, id: string): Promise<BusinessHoursView> {
    const found = await this.calendars.find(this.db, workspaceId, id);
    if (!found) throw notFound();
    return found;
  }

  async create(workspaceId: string, input: BusinessHoursInput): Promise<BusinessHoursView> {
    return this.calendars.insert(this.db, workspaceId, valid(input));
  }

  /** Fields left out stay; `weekly` and `holidays`, when given, replace the whole list. The result is checked as a whole. */
  async update(workspaceId: string, id: string, patch: BusinessHoursInput): Promise<BusinessHoursView> {
    return this.db.transaction(async (m) => {
      const current = await this.calendars.find(m, workspaceId, id, true);
      if (!current) throw notFound();
      const merged: BusinessHoursInput = { name: current.name, timezone: current.timezone, weekly: current.weekly, holidays: current.holidays };
      for (const key of ['name', 'timezone', 'weekly', 'holidays'] as const) if (patch[key] !== undefined) merged[key] = patch[key];
      return (await this.calendars.replace(m, workspaceId, id, valid(merged)))!;
    });
  }

  /** Roles using it lose their working hours (always open); the foreign keys set their reference to null. */
  async remove(workspaceId: string, id: string): Promise<void> {
    if (!(await this.calendars.delete(this.db, workspaceId, id))) throw notFound();
  }
}

function valid(input: BusinessHoursInput): BusinessHoursFields {
  const checked = checkBusinessHours(input);
  if (!checked.ok) throw new DomainException('VALIDATION_FAILED', checked.problems);
  return checked.value;
}

const notFound = () => new DomainException('BUSINESS_HOURS_NOT_FOUND', 'Business hours not found');
