import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What an inbox row shows without opening the conversation: the first line of the customer's latest message
 * (`preview`, as of the platform time `preview_at` of that message) and what the conversation is about
 * (`context_url`, `context_title`: the post, page or video, from the event that started it or the first that said).
 *
 * message_preview() is the one definition of "first line": the ingest hot path writes it in the UPDATE it already
 * makes, the rare recomputation (an edit, a delete) and this backfill all call it, so they cannot disagree.
 */
export class ConversationPreview1766200000000 implements MigrationInterface {
  name = 'ConversationPreview1766200000000';

  async up(q: QueryRunner): Promise<void> {
    // The first line that has something on it, trimmed; cut to 140 characters with an ellipsis. NULL: nothing to show
    // (an empty text, e.g. a photo alone).
    await q.query(`
      CREATE FUNCTION message_preview(body text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN line IS NULL THEN NULL
                    WHEN char_length(line) <= 140 THEN line
                    ELSE regexp_replace(left(line, 139), '[[:space:]]+$', '') || '…' END
        FROM (SELECT regexp_replace(substring(body FROM '[^\\r\\n]*[^[:space:]][^\\r\\n]*'), '^[[:space:]]+|[[:space:]]+$', '', 'g') AS line) first_line
      $$`);
    await q.query(`ALTER TABLE conversations ADD COLUMN preview text, ADD COLUMN preview_at timestamptz, ADD COLUMN context_url text, ADD COLUMN context_title text`);
    // One index probe per conversation (messages_conversation_idx read backwards), not a sort of every inbound
    // message: the migration runs inside the boot's transaction, with the table locked.
    await q.query(`
      UPDATE conversations c SET preview = message_preview(latest.text), preview_at = latest.created_at
      FROM conversations c2
      CROSS JOIN LATERAL (SELECT m.text, m.created_at FROM messages m
                          WHERE m.workspace_id = c2.workspace_id AND m.conversation_id = c2.id AND m.direction = 'inbound' AND NOT m.deleted
                          ORDER BY m.created_at DESC, m.received_at DESC, m.id DESC LIMIT 1) latest
      WHERE c.id = c2.id`);
    // The generic channel's context title became the subject (it has no subject of its own); other contexts were
    // never stored and fill in from the next event that carries one.
    await q.query(`UPDATE conversations SET context_title = subject WHERE channel_type = 'api' AND subject IS NOT NULL`);
    // The sentiment report counts the conversations created in a range of a workspace.
    await q.query(`CREATE INDEX conversations_created_idx ON conversations (workspace_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX conversations_created_idx`);
    await q.query(`ALTER TABLE conversations DROP COLUMN preview, DROP COLUMN preview_at, DROP COLUMN context_url, DROP COLUMN context_title`);
    await q.query(`DROP FUNCTION message_preview(text)`);
  }
}
