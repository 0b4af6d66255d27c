/** The Team page's sections, each at `#/team/<section>`; the workload is the page a lead lands on. */
export const TEAM_SECTIONS = ['workload', 'roles', 'map'] as const;
export type TeamSection = (typeof TEAM_SECTIONS)[number];

export function sectionOf(segment: string | undefined): TeamSection {
  return (TEAM_SECTIONS as readonly string[]).includes(segment ?? '') ? (segment as TeamSection) : 'workload';
}
