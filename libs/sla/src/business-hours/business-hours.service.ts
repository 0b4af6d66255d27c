import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainException } from '@app/common';
import { checkBusinessHours, type BusinessHoursFields } from '../calendar/weekly-hours';
import { SlaPolicyRepository } from '../policies/sla-policy.repository';
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
    private readonly policies: SlaPolicyRepository,
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

  /**
   * Roles using it lose their working hours (always open); the foreign keys set their reference to null. A calendar
   * named by a live SLA policy is refused (409 BUSINESS_HOURS_IN_USE): its clocks would silently switch to wall-clock
   * time. Deleted policies only keep the name for history, so they let go of it here, in the same transaction.
   */
  async remove(workspaceId: string, id: string): Promise<void> {
    try {
      await this.db.transaction(async (m) => {
        if (!(await this.calendars.find(m, workspaceId, id, true))) throw notFound();
        const policies = await this.policies.namesUsingBusinessHours(m, workspaceId, id);
        if (policies.length > 0) throw inUse(policies);
        await this.policies.releaseBusinessHours(m, workspaceId, id);
        await this.calendars.delete(m, workspaceId, id);
      });
    } catch (error) {
      // A policy naming it was written after the check (its insert waited on the row lock, then committed first), or
      // a running SLA clock counts in it (a clock keeps the calendar it started with, even under a deleted policy).
      if (isForeignKeyViolation(error)) throw inUse([]);
      throw error;
    }
  }
}

function valid(input: BusinessHoursInput): BusinessHoursFields {
  const checked = checkBusinessHours(input);
  if (!checked.ok) throw new DomainException('VALIDATION_FAILED', checked.problems);
  return checked.value;
}

function isForeignKeyViolation(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  return (e?.driverError?.code ?? e?.code) === '23503';
}

function inUse(policies: string[]): DomainException {
  if (policies.length === 0) {
    return new DomainException('BUSINESS_HOURS_IN_USE', 'These business hours are still in use: an SLA policy names them, or a running SLA clock counts in them');
  }
  const named = policies.map((name) => JSON.stringify(name)).join(', ');
  return new DomainException('BUSINESS_HOURS_IN_USE', `These business hours are used by SLA policies: ${named}; change or delete them first`);
}

const notFound = () => new DomainException('BUSINESS_HOURS_NOT_FOUND', 'Business hours not found');
