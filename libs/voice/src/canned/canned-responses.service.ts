import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainException } from '@app/common';
import { isUniqueViolation } from '@app/db';
import type { AuthUser } from '@app/identity';
import type { CannedReader, CannedResponseFilter, CannedResponsePatch, CannedResponseView, NewCannedResponse } from './canned-response';
import { CannedResponseRepository, type CannedFields } from './canned-response.repository';
import { PLACEHOLDERS, placeholderValues, renderTemplate, unknownPlaceholders, type Placeholder } from './placeholders';

const SHORTCUT_INDEX = 'canned_responses_shortcut_key';

/** The conversation a response is rendered for, as its reader may see it (the caller checks that access). */
export interface RenderConversation {
  channelId: string;
  contact: { name: string | null; username: string | null } | null;
}

/**
 * Canned responses: one voice across the task force. Leads and admins write them (the controller enforces that),
 * for the whole workspace or for one role; agents read the workspace's and their roles'.
 */
@Injectable()
export class CannedResponsesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly canned: CannedResponseRepository,
  ) {}

  list(user: AuthUser, filter: CannedResponseFilter): Promise<CannedResponseView[]> {
    return this.canned.list(this.db, readerOf(user), filter);
  }

  async get(user: AuthUser, id: string): Promise<CannedResponseView> {
    const found = await this.canned.find(this.db, readerOf(user), id);
    if (!found) throw notFound();
    return found;
  }

  async create(user: AuthUser, input: NewCannedResponse): Promise<CannedResponseView> {
    const fields = checked({ name: input.name, text: input.text, roleId: input.roleId ?? null, shortcut: blankToNull(input.shortcut), language: blankToNull(input.language) });
    return this.uniqueShortcut(() =>
      this.db.transaction(async (m) => {
        if (fields.roleId && !(await this.canned.roleExists(m, user.workspaceId, fields.roleId))) throw roleNotFound();
        return this.canned.insert(m, user.workspaceId, fields, user.id);
      }),
    );
  }

  /** Fields left out stay; `roleId`, `shortcut` and `language` set to null clear them. */
  async update(user: AuthUser, id: string, patch: CannedResponsePatch): Promise<CannedResponseView> {
    return this.uniqueShortcut(() =>
      this.db.transaction(async (m) => {
        const current = await this.canned.find(m, readerOf(user), id, true);
        if (!current) throw notFound();
        const fields = checked({
          name: patch.name ?? current.name,
          text: patch.text ?? current.text,
          roleId: patch.roleId === undefined ? current.roleId : patch.roleId,
          shortcut: patch.shortcut === undefined ? current.shortcut : blankToNull(patch.shortcut),
          language: patch.language === undefined ? current.language : blankToNull(patch.language),
        });
        if (fields.roleId && fields.roleId !== current.roleId && !(await this.canned.roleExists(m, user.workspaceId, fields.roleId))) throw roleNotFound();
        return (await this.canned.replace(m, user.workspaceId, id, fields))!;
      }),
    );
  }

  async remove(user: AuthUser, id: string): Promise<void> {
    if (!(await this.canned.delete(this.db, user.workspaceId, id))) throw notFound();
  }

  /**
   * The response's text with the placeholders filled from the conversation's contact and channel, the signed-in
   * user and the workspace; without a conversation, the contact and channel placeholders are missing. What has no
   * value is left out and listed in `missing`, for the agent to complete.
   */
  async render(user: AuthUser, id: string, conversation: RenderConversation | null): Promise<{ text: string; missing: Placeholder[] }> {
    const response = await this.get(user, id);
    const names = await this.canned.names(this.db, user.workspaceId, conversation?.channelId ?? null);
    const values = placeholderValues({
      contact: conversation?.contact ?? null,
      agent: { name: user.name },
      channel: names.channel === null ? null : { name: names.channel },
      workspace: { name: names.workspace },
    });
    return renderTemplate(response.text, values);
  }

  private async uniqueShortcut<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (isUniqueViolation(err, SHORTCUT_INDEX)) throw new DomainException('CANNED_SHORTCUT_TAKEN', 'Another canned response of this workspace has this shortcut');
      throw err;
    }
  }
}

/** The library does not trust its caller's validation for what only it knows: which placeholders exist. */
function checked(fields: CannedFields): CannedFields {
  const unknown = unknownPlaceholders(fields.text);
  if (unknown.length > 0) throw new DomainException('VALIDATION_FAILED', [unknownPlaceholdersMessage(unknown)]);
  return fields;
}

export function unknownPlaceholdersMessage(unknown: string[]): string {
  return `text has unknown placeholders ${unknown.join(', ')} (known: ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')})`;
}

function readerOf(user: AuthUser): CannedReader {
  return { workspaceId: user.workspaceId, userId: user.id, all: user.access !== 'agent' };
}

function blankToNull(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

const notFound = () => new DomainException('CANNED_RESPONSE_NOT_FOUND', 'Canned response not found');
const roleNotFound = () => new DomainException('ROLE_NOT_FOUND', 'Role not found');
