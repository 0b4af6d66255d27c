import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainException } from '@app/common';
import { rows } from '@app/db';
import { ChangeSet } from '../events/change-set';
import { publishChanges } from '../events/publish-changes';
import { scopeSql, type ConversationScope } from '../conversations/conversation-scope';

export interface ContactView {
  id: string;
  name: string | null;
  username: string | null;
  followers: number | null;
  email: string | null;
  identities: Array<{ platform: string; externalId: string; name: string | null; username: string | null; followers: number | null }>;
  createdAt: string;
}

/** People who write to the brand: one identity per platform account, several identities once merged. */
@Injectable()
export class ContactsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Refuses, as not found, a contact the member cannot reach: leads and above reach every contact of the workspace,
   * an agent only those who wrote in a conversation the agent may read (what the contact panel of such a
   * conversation shows), so neither reading nor merging lets an agent see past its roles.
   */
  async assertReachable(scope: ConversationScope, ids: string[]): Promise<void> {
    if (scope.all) return;
    const wanted = [...new Set(ids.map((id) => id.toLowerCase()))];
    const params: unknown[] = [wanted];
    const readable = scopeSql(scope, params);
    // The conversation's own contact, or anyone else who wrote in it (another customer answering in a comment thread).
    const reached = await rows<{ id: string }>(
      this.db,
      `SELECT c.contact_id AS id FROM conversations c WHERE c.contact_id = ANY($1::uuid[]) AND ${readable}
       UNION
       SELECT m.author_id FROM messages m JOIN conversations c ON c.id = m.conversation_id
       WHERE m.author_type = 'contact' AND m.author_id = ANY($1::uuid[]) AND m.workspace_id = $2 AND ${readable}`,
      params,
    );
    if (reached.length < wanted.length) throw new DomainException('CONTACT_NOT_FOUND', 'Contact not found');
  }

  async get(workspaceId: string, id: string, m: EntityManager = this.db.manager): Promise<ContactView> {
    const [row] = (await m.query(
      `SELECT id, name, username, followers, email, created_at FROM contacts WHERE workspace_id = $1 AND id = $2 AND merged_into_id IS NULL`,
      [workspaceId, id],
    )) as Array<{ id: string; name: string | null; username: string | null; followers: number | null; email: string | null; created_at: Date }>;
    if (!row) throw new DomainException('CONTACT_NOT_FOUND', 'Contact not found');
    const identities: Array<Record<string, unknown>> = await m.query(
      `SELECT platform, external_id, name, username, followers FROM contact_identities WHERE workspace_id = $1 AND contact_id = $2 ORDER BY created_at`,
      [workspaceId, id],
    );
    return {
      id: row.id,
      name: row.name,
      username: row.username,
      followers: row.followers,
      email: row.email,
      identities: identities.map((i) => ({
        platform: i.platform as string,
        externalId: i.external_id as string,
        name: (i.name as string | null) ?? null,
        username: (i.username as string | null) ?? null,
        followers: (i.followers as number | null) ?? null,
      })),
      createdAt: row.created_at.toISOString(),
    };
  }

  /**
   * Folds `sourceId` into `targetId`: its identities, conversations and messages move to the target, which keeps
   * its own details and takes the source's where it has none. The source stays as a pointer, never shown again.
   */
  async merge(workspaceId: string, targetId: string, sourceId: string): Promise<ContactView> {
    if (targetId === sourceId) throw new DomainException('CONTACTS_SAME', 'A contact cannot be merged into itself');
    return this.db.transaction(async (m) => {
      const locked: Array<{ id: string }> = await m.query(
        `SELECT id FROM contacts WHERE workspace_id = $1 AND id = ANY($2::uuid[]) AND merged_into_id IS NULL ORDER BY id FOR UPDATE`,
        [workspaceId, [targetId, sourceId]],
      );
      if (locked.length !== 2) throw new DomainException('CONTACT_NOT_FOUND', 'Contact not found');
      const args = [workspaceId, targetId, sourceId];
      await m.query(`UPDATE contact_identities SET contact_id = $2, updated_at = now() WHERE workspace_id = $1 AND contact_id = $3`, args);
      await m.query(`UPDATE conversations SET contact_id = $2, updated_at = now() WHERE workspace_id = $1 AND contact_id = $3`, args);
      await m.query(`UPDATE messages SET author_id = $2 WHERE workspace_id = $1 AND author_type = 'contact' AND author_id = $3`, args);
      await m.query(
        `UPDATE contacts t SET name = COALESCE(t.name, s.name), username = COALESCE(t.username, s.username),
           followers = GREATEST(t.followers, s.followers), email = COALESCE(t.email, s.email), updated_at = now()
         FROM contacts s WHERE t.workspace_id = $1 AND t.id = $2 AND s.id = $3`,
        args,
      );
      await m.query(`UPDATE contacts SET merged_into_id = $2, updated_at = now() WHERE workspace_id = $1 AND id = $3`, args);
      // Conversations of both contacts now show the merged contact.
      const touched = await rows<{ id: string }>(m, `SELECT id FROM conversations WHERE workspace_id = $1 AND contact_id = $2`, [workspaceId, targetId]);
      const changes = new ChangeSet();
      for (const c of touched) changes.conversation(c.id, 'updated');
      await publishChanges(m, workspaceId, changes);
      return this.get(workspaceId, targetId, m);
    });
  }
}
