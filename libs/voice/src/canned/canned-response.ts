import type { Placeholder } from './placeholders';

export interface CannedResponseView {
  id: string;
  name: string;
  text: string;
  /** Null: for the whole workspace; else only for this role's members (and leads, supervisors, admins). */
  roleId: string | null;
  shortcut: string | null;
  language: string | null;
  /** The placeholders the text uses. */
  placeholders: Placeholder[];
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewCannedResponse {
  name: string;
  text: string;
  roleId?: string | null;
  shortcut?: string | null;
  language?: string | null;
}

export type CannedResponsePatch = Partial<NewCannedResponse>;

export interface CannedResponseFilter {
  /** A role's own responses, or `none` for the workspace-wide ones. */
  roleId?: string;
  /** Part of the name, shortcut or text, case-insensitively. */
  q?: string;
}

/** Who reads: agents see the workspace-wide responses and their roles'; everyone else sees all. */
export interface CannedReader {
  workspaceId: string;
  userId: string;
  all: boolean;
}
