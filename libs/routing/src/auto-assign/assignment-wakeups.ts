import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { rows } from '@app/db';

export interface RoleRef {
  workspaceId: string;
  roleId: string;
}

/** Wake-up rows claimed at once by one process; others claim the rest in parallel. */
const CLAIM = 20;

/**
 * The roles whose queue may move, as the database's triggers note them in assignment_wakeups: one row per role and
 * transaction that woke it. A claim deletes the rows it sees in its own short transaction, skipping rows another
 * process is claiming, so each wake-up is handled by one process. The row of a transaction still in flight is not
 * visible to the claim, so it is not deleted: its change may be invisible to the pass that follows the claim, but
 * the row becomes visible when that transaction commits (whose NOTIFY wakes the assigner) and the role is claimed
 * again. A process that dies between claim and pass loses only a hint: the sweep puts every role with a queue back.
 */
@Injectable()
export class AssignmentWakeups {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Each role once, however many transactions woke it. */
  async claim(): Promise<RoleRef[]> {
    const claimed = await rows<{ role_id: string; workspace_id: string }>(
      this.db,
      `DELETE FROM assignment_wakeups
       WHERE (role_id, txid) IN (SELECT role_id, txid FROM assignment_wakeups ORDER BY woken_at LIMIT ${CLAIM} FOR UPDATE SKIP LOCKED)
       RETURNING role_id, workspace_id`,
    );
    const roles = new Map(claimed.map((r) => [r.role_id, { workspaceId: r.workspace_id, roleId: r.role_id }]));
    return [...roles.values()];
  }

  /**
   * Puts roles back without a NOTIFY: a role retried because of a lock waits for the next poll or wake-up, not a spin.
   * A role that already has a committed wake-up waiting needs no second one.
   */
  async requeue(roles: RoleRef[]): Promise<void> {
    if (roles.length === 0) return;
    await this.db.query(
      `INSERT INTO assignment_wakeups (role_id, workspace_id)
       SELECT x.role_id, x.workspace_id FROM unnest($1::uuid[], $2::uuid[]) AS x(role_id, workspace_id)
       WHERE NOT EXISTS (SELECT 1 FROM assignment_wakeups w WHERE w.role_id = x.role_id)
       ON CONFLICT DO NOTHING`,
      [roles.map((r) => r.roleId), roles.map((r) => r.workspaceId)],
    );
  }

  /**
   * Every role that has queued conversations and someone online who might take them: covers a pass lost to a crash,
   * working hours that just opened, and a queue whose rows were locked when it was last looked at. Answers how many
   * roles it woke.
   */
  async sweep(): Promise<number> {
    const woken = await rows<{ role_id: string }>(
      this.db,
      `INSERT INTO assignment_wakeups (role_id, workspace_id)
       SELECT r.id, r.workspace_id FROM roles r
       WHERE r.assignment <> 'manual'
         AND EXISTS (SELECT 1 FROM conversations c WHERE c.workspace_id = r.workspace_id AND c.role_id = r.id AND c.assignee_id IS NULL AND c.status = 'open')
         AND EXISTS (SELECT 1 FROM role_members rm JOIN user_presence p ON p.workspace_id = rm.workspace_id AND p.user_id = rm.user_id
                     WHERE rm.workspace_id = r.workspace_id AND rm.role_id = r.id AND p.status = 'online')
         AND NOT EXISTS (SELECT 1 FROM assignment_wakeups w WHERE w.role_id = r.id)
       ON CONFLICT DO NOTHING
       RETURNING role_id`,
    );
    return woken.length;
  }
}
