import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainException } from '@app/common';
import type { Queryable } from '@app/db';
import { checkNewPolicy, checkPolicyPatch } from './policy-fields';
import type { SlaPolicy, SlaPolicyFields } from './sla-policy';
import { SlaPolicyRepository } from './sla-policy.repository';

/**
 * SLA policies of a workspace: supervisors and admins edit them (the controller enforces that). A policy is chosen
 * once, when a conversation's cycle starts, and stays with it: editing or deleting one changes no running clock
 * until POST /api/sla-policies/reapply re-matches the open conversations.
 */
@Injectable()
export class SlaPoliciesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policies: SlaPolicyRepository,
  ) {}

  /** Live policies in creation order: the order they are tried in. */
  list(workspaceId: string): Promise<SlaPolicy[]> {
    return this.policies.activePolicies(this.db, workspaceId);
  }

  async get(workspaceId: string, id: string): Promise<SlaPolicy> {
    const found = await this.policies.find(this.db, workspaceId, id);
    if (!found) throw notFound();
    return found;
  }

  async create(workspaceId: string, input: unknown): Promise<SlaPolicy> {
    const checked = checkNewPolicy(input);
    if (!checked.ok) throw new DomainException('VALIDATION_FAILED', checked.problems);
    return this.db.transaction(async (m) => {
      await this.checkReferences(m, workspaceId, checked.value);
      return this.policies.insert(m, workspaceId, checked.value);
    });
  }

  /** Fields left out stay; `when`, when given, replaces the whole condition; null clears an optional target. */
  async update(workspaceId: string, id: string, input: unknown): Promise<SlaPolicy> {
    const checked = checkPolicyPatch(input);
    if (!checked.ok) throw new DomainException('VALIDATION_FAILED', checked.problems);
    return this.db.transaction(async (m) => {
      if (!(await this.policies.find(m, workspaceId, id, { lock: true }))) throw notFound();
      await this.checkReferences(m, workspaceId, checked.value);
      return (await this.policies.update(m, workspaceId, id, checked.value))!;
    });
  }

  /** Soft: conversations timed under it keep it (and its targets) until their cycle ends or reapply moves them. */
  async remove(workspaceId: string, id: string): Promise<void> {
    if (!(await this.policies.softDelete(this.db, workspaceId, id))) throw notFound();
  }

  /**
   * The calendar and the roles named exist in this workspace. The calendar stays locked (KEY SHARE) until commit,
   * so it cannot be deleted between this check and the write that names it.
   */
  private async checkReferences(m: Queryable, workspaceId: string, fields: Partial<SlaPolicyFields>): Promise<void> {
    const { businessHoursId, when } = fields;
    if (businessHoursId && !(await this.policies.businessHoursExist(m, workspaceId, businessHoursId))) {
      throw new DomainException('BUSINESS_HOURS_NOT_FOUND', `businessHoursId: no business hours ${businessHoursId} in this workspace`);
    }
    const missing = await this.policies.missingRoles(m, workspaceId, when?.roleIds ?? []);
    if (missing.length > 0) throw new DomainException('ROLE_NOT_FOUND', missing.map((roleId) => `when.roleIds: no role ${roleId} in this workspace`));
  }
}

const notFound = () => new DomainException('SLA_POLICY_NOT_FOUND', 'SLA policy not found');
