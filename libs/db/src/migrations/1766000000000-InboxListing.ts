import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every inbox page is ordered by (last_message_at DESC, id DESC): the role, assignee and queue indexes carry that whole
 * order, so a page of a million-row workspace is an index range read, never a sort of a role's or a queue's rows.
 * Messages are also found by their contact author, for whether an agent may open the contact of a message it reads.
 */
export class InboxListing1766000000000 implements MigrationInterface {
  name = 'InboxListing1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX conversations_role_idx`);
    await q.query(`CREATE INDEX conversations_role_idx ON conversations (workspace_id, role_id, last_message_at DESC, id DESC)`);
    await q.query(`DROP INDEX conversations_assignee_idx`);
    await q.query(`CREATE INDEX conversations_assignee_idx ON conversations (workspace_id, assignee_id, last_message_at DESC, id DESC)`);
    await q.query(`DROP INDEX conversations_queue_idx`);
    await q.query(
      `CREATE INDEX conversations_queue_idx ON conversations (workspace_id, role_id, last_message_at DESC, id DESC) WHERE assignee_id IS NULL AND status = 'open'`,
    );
    await q.query(`CREATE INDEX messages_contact_author_idx ON messages (author_id) WHERE author_type = 'contact'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX messages_contact_author_idx`);
    await q.query(`DROP INDEX conversations_queue_idx`);
    await q.query(`CREATE INDEX conversations_queue_idx ON conversations (workspace_id, role_id) WHERE assignee_id IS NULL AND status = 'open'`);
    await q.query(`DROP INDEX conversations_assignee_idx`);
    await q.query(`CREATE INDEX conversations_assignee_idx ON conversations (workspace_id, assignee_id, last_message_at DESC)`);
    await q.query(`DROP INDEX conversations_role_idx`);
    await q.query(`CREATE INDEX conversations_role_idx ON conversations (workspace_id, role_id, last_message_at DESC)`);
  }
}
