import { Injectable } from '@nestjs/common';
import { rows, type Queryable } from '@app/db';
import type { ApprovalTopic, ReplyPolicy, ReplyPolicyView } from './reply-policy';

interface PolicyRow {
  block_terms: string[];
  warn_terms: string[];
  approval_topics: ApprovalTopic[];
  updated_at: Date;
  updated_by: string | null;
  updated_by_name: string | null;
}

/**
 * The workspace's reply policy; a workspace that never saved one has the empty policy (everything goes out). A plain
 * function, so the reply path (in the inbox library) reads it inside its own transaction without a dependency on
 * this module.
 */
export async function readReplyPolicy(db: Queryable, workspaceId: string): Promise<ReplyPolicyView> {
  const [row] = await rows<PolicyRow>(
    db,
    `SELECT p.block_terms, p.warn_terms, p.approval_topics, p.updated_at, p.updated_by, u.name AS updated_by_name
     FROM reply_policies p LEFT JOIN users u ON u.id = p.updated_by WHERE p.workspace_id = $1`,
    [workspaceId],
  );
  if (!row) return { blockTerms: [], warnTerms: [], approvalTopics: [], updatedAt: null, updatedBy: null };
  return {
    blockTerms: row.block_terms,
    warnTerms: row.warn_terms,
    approvalTopics: row.approval_topics,
    updatedAt: row.updated_at.toISOString(),
    updatedBy: row.updated_by ? { id: row.updated_by, name: row.updated_by_name ?? '' } : null,
  };
}

@Injectable()
export class ReplyPolicyRepository {
  async save(db: Queryable, workspaceId: string, policy: ReplyPolicy, userId: string): Promise<void> {
    await db.query(
      `INSERT INTO reply_policies (workspace_id, block_terms, warn_terms, approval_topics, updated_by, updated_at)
       VALUES ($1, $2::text[], $3::text[], $4::jsonb, $5, now())
       ON CONFLICT (workspace_id) DO UPDATE SET block_terms = EXCLUDED.block_terms, warn_terms = EXCLUDED.warn_terms,
         approval_topics = EXCLUDED.approval_topics, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [workspaceId, policy.blockTerms, policy.warnTerms, JSON.stringify(policy.approvalTopics), userId],
    );
  }
}
