import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { rows } from '@app/db';

export interface RoleRef {
  workspaceId: string;
  roleId: string;
}

/** Wake-ups claimed at once by one process; others claim the rest in parallel. */
const CLAIM = 20;

/**
 * The roles whose queue may move, as the database's triggers note them in assignment_wakeups. A claim deletes the
 * rows in its own short transaction, skipping rows another process is claiming, so each wake-up is handled by one
 * process; a trigger firing meanwhile inserts the role again (after the claim commits) and it is handled again.
 * A process that dies between claim and pass loses only a hint: the sweep puts every role with a queue back.
 */
@Injectable()
export class AssignmentWakeups {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async claim(): Promise<RoleRef[]> {
    const claimed = await rows<{ role_id: string; workspace_id: string }>(
      this.db,
      `DELETE FROM assignment_wakeups
       WHERE role_id IN (SELECT role_id FROM assignment_wakeups ORDER BY woken_at LIMIT ${CLAIM} FOR UPDATE SKIP LOCKED)
       RETURNING role_id, workspace_id`,
    );
    return claimed.map((r) => ({ workspaceId: r.workspace_id, roleId: r.role_id }));
  }

  /** Puts roles back without a NOTIFY: a role retried because of a lock waits for the next poll or wake-up, not a spin. */
  async requeue(roles: RoleRef[]): Promise<void> {
    if (roles.length === 0) return;
    await this.db.query(
      `INSERT INTO assignment_wakeups (role_id, workspace_id) SELECT * FROM unnest($1::uuid[], $2::uuid[]) ON CONFLICT DO NOTHING`,
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
       ON CONFLICT DO NOTHING
       RETURNING role_id`,
    );
    return woken.length;
  }
}
