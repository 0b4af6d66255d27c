import type { Access } from '../../api/types';

/** The Administration area's sections, in menu order, with who may open each (what they may edit, not read). */
export const ADMIN_SECTIONS = [
  { id: 'channels', levels: ['admin'] },
  { id: 'users', levels: ['admin'] },
  { id: 'sla-policies', levels: ['supervisor', 'admin'] },
  { id: 'business-hours', levels: ['supervisor', 'admin'] },
  { id: 'settings', levels: ['supervisor', 'admin'] },
  // Leads may edit these too, but leads have no Administration area; they stay an admin's section here.
  { id: 'canned-responses', levels: ['admin'] },
  { id: 'reply-policy', levels: ['admin'] },
] as const satisfies ReadonlyArray<{ id: string; levels: readonly Access[] }>;

export type AdminSectionId = (typeof ADMIN_SECTIONS)[number]['id'];

export function sectionsFor(access: Access): AdminSectionId[] {
  return ADMIN_SECTIONS.filter((s) => (s.levels as readonly Access[]).includes(access)).map((s) => s.id);
}

/** The section to show for a route: the one asked for when allowed, else the first allowed one (null: none). */
export function pickSection(access: Access, asked: string | undefined): AdminSectionId | null {
  const allowed = sectionsFor(access);
  return allowed.find((id) => id === asked) ?? allowed[0] ?? null;
}
