import { Injectable } from '@nestjs/common';
import { rows, type Queryable } from '@app/db';
import { placeholdersIn } from './placeholders';
import type { CannedReader, CannedResponseFilter, CannedResponseView } from './canned-response';

const COLUMNS = `cr.id, cr.name, cr.text, cr.role_id, cr.shortcut, cr.language, cr.created_by, cr.created_at, cr.updated_at`;

interface CannedRow {
  id: string;
  name: string;
  text: string;
  role_id: string | null;
  shortcut: string | null;
  language: string | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface CannedFields {
  name: string;
  text: string;
  roleId: string | null;
  shortcut: string | null;
  language: string | null;
}

/** Canned responses. Every statement names the workspace; reads also apply the reader's visibility. */
@Injectable()
export class CannedResponseRepository {
  async list(db: Queryable, reader: CannedReader, filter: CannedResponseFilter): Promise<CannedResponseView[]> {
    const params: unknown[] = [];
    const where = [visibleTo(reader, params)];
    if (filter.roleId === 'none') where.push('cr.role_id IS NULL');
    else if (filter.roleId !== undefined) {
      params.push(filter.roleId);
      where.push(`cr.role_id = $${params.length}`);
    }
    if (filter.q !== undefined && filter.q.trim() !== '') {
      params.push(`%${filter.q.trim().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
      const like = `$${params.length}`;
      where.push(`(cr.name ILIKE ${like} OR cr.shortcut ILIKE ${like} OR cr.text ILIKE ${like})`);
    }
    return (await rows<CannedRow>(db, `SELECT ${COLUMNS} FROM canned_responses cr WHERE ${where.join(' AND ')} ORDER BY lower(cr.name), cr.id LIMIT 1000`, params)).map(toView);
  }

  async find(db: Queryable, reader: CannedReader, id: string, lock = false): Promise<CannedResponseView | null> {
    const params: unknown[] = [id];
    const [row] = await rows<CannedRow>(db, `SELECT ${COLUMNS} FROM canned_responses cr WHERE cr.id = $1 AND ${visibleTo(reader, params)}${lock ? ' FOR UPDATE' : ''}`, params);
    return row ? toView(row) : null;
  }

  async insert(db: Queryable, workspaceId: string, fields: CannedFields, userId: string): Promise<CannedResponseView> {
    const [row] = await rows<CannedRow>(
      db,
      `INSERT INTO canned_responses AS cr (workspace_id, role_id, name, shortcut, language, text, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [workspaceId, fields.roleId, fields.name, fields.shortcut, fields.language, fields.text, userId],
    );
    return toView(row!);
  }

  async replace(db: Queryable, workspaceId: string, id: string, fields: CannedFields): Promise<CannedResponseView | null> {
    const [row] = await rows<CannedRow>(
      db,
      `UPDATE canned_responses cr SET role_id = $3, name = $4, shortcut = $5, language = $6, text = $7, updated_at = now()
       WHERE cr.workspace_id = $1 AND cr.id = $2 RETURNING ${COLUMNS}`,
      [workspaceId, id, fields.roleId, fields.name, fields.shortcut, fields.language, fields.text],
    );
    return row ? toView(row) : null;
  }

  async delete(db: Queryable, workspaceId: string, id: string): Promise<boolean> {
    return (await rows(db, `DELETE FROM canned_responses WHERE workspace_id = $1 AND id = $2 RETURNING id`, [workspaceId, id])).length > 0;
  }

  /**
   * True when the role is one of the workspace's; inside a transaction it then stays until commit (KEY SHARE
   * blocks its deletion), so the response written next cannot point at a role deleted meanwhile.
   */
  async roleExists(db: Queryable, workspaceId: string, roleId: string): Promise<boolean> {
    return (await rows(db, `SELECT 1 FROM roles WHERE workspace_id = $1 AND id = $2 FOR KEY SHARE`, [workspaceId, roleId])).length > 0;
  }

  /** The names render needs besides the conversation: its channel's and the workspace's. */
  async names(db: Queryable, workspaceId: string, channelId: string | null): Promise<{ workspace: string; channel: string | null }> {
    const [row] = await rows<{ workspace: string; channel: string | null }>(
      db,
      `SELECT w.name AS workspace, (SELECT ch.name FROM channels ch WHERE ch.workspace_id = w.id AND ch.id = $2::uuid) AS channel FROM workspaces w WHERE w.id = $1`,
      [workspaceId, channelId],
    );
    return row ?? { workspace: '', channel: null };
  }
}

function visibleTo(reader: CannedReader, params: unknown[]): string {
  params.push(reader.workspaceId);
  const ws = `$${params.length}`;
  if (reader.all) return `cr.workspace_id = ${ws}`;
  params.push(reader.userId);
  return `cr.workspace_id = ${ws} AND (cr.role_id IS NULL OR cr.role_id IN (SELECT role_id FROM role_members WHERE workspace_id = ${ws} AND user_id = $${params.length}))`;
}

function toView(r: CannedRow): CannedResponseView {
  return {
    id: r.id,
    name: r.name,
    text: r.text,
    roleId: r.role_id,
    shortcut: r.shortcut,
    language: r.language,
    placeholders: placeholdersIn(r.text),
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
