import type { EntityManager } from 'typeorm';
import type { EventAuthor } from '@app/channels';
import { rows } from '@app/db';

/**
 * The contact behind a platform identity, created on first sight. What the platform tells us (name, username,
 * followers) refreshes the identity and, where given, the contact. Safe under concurrency: the identity's
 * primary key decides, and the loser of a race drops the contact it created.
 */
export async function upsertContact(m: EntityManager, workspaceId: string, platform: string, author: EventAuthor): Promise<string> {
  const followers = Number.isFinite(author.followers) ? Math.max(0, Math.min(Math.trunc(author.followers!), 2_147_483_647)) : null;
  const values = [author.name ?? null, author.username ?? null, followers, author.email ?? null];
  const existing = await rows<{ contact_id: string }>(m, 
    `UPDATE contact_identities SET name = COALESCE($4, name), username = COALESCE($5, username),
       followers = COALESCE($6, followers), email = COALESCE($7, email), updated_at = now()
     WHERE workspace_id = $1 AND platform = $2 AND external_id = $3 RETURNING contact_id`,
    [workspaceId, platform, author.id, ...values],
  );
  let contactId = existing[0]?.contact_id;
  if (!contactId) {
    const [created] = (await m.query(
      `INSERT INTO contacts (workspace_id, name, username, followers, email) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [workspaceId, ...values],
    )) as Array<{ id: string }>;
    const linked: Array<{ contact_id: string }> = await m.query(
      `INSERT INTO contact_identities (workspace_id, platform, external_id, contact_id, name, username, followers, email)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING contact_id`,
      [workspaceId, platform, author.id, created!.id, ...values],
    );
    if (linked.length > 0) return created!.id;
    await m.query(`DELETE FROM contacts WHERE id = $1`, [created!.id]);
    return upsertContact(m, workspaceId, platform, author);
  }
  await m.query(
    `UPDATE contacts SET name = COALESCE($2, name), username = COALESCE($3, username), followers = COALESCE($4, followers),
       email = COALESCE($5, email), updated_at = now() WHERE id = $1`,
    [contactId, ...values],
  );
  return contactId;
}
