/** How a role hands out its conversations once automatic assignment exists; `manual` leaves them in the queue. */
export const ASSIGNMENT_STRATEGIES = ['round_robin', 'least_busy', 'manual'] as const;
export type AssignmentStrategy = (typeof ASSIGNMENT_STRATEGIES)[number];

export interface RoleMemberView {
  userId: string;
  name: string;
  /** The most `open` conversations of this role the member holds at once; null is unlimited. */
  capacity: number | null;
}

/** A task-force role (customer care, sales, PR, ...) and the people who answer for it. */
export interface RoleView {
  id: string;
  name: string;
  description: string | null;
  assignment: AssignmentStrategy;
  escalationRoleId: string | null;
  /** The acceptance timer: seconds an assignee has to reply before the conversation escalates; null: no timer. */
  acceptanceSeconds: number | null;
  /** The working-hours calendar of the role (a business_hours row of the workspace); null: always. */
  businessHoursId: string | null;
  members: RoleMemberView[];
  createdAt: string;
  updatedAt: string;
}

export interface NewRole {
  name: string;
  description?: string | null;
  assignment?: AssignmentStrategy;
  escalationRoleId?: string | null;
  acceptanceSeconds?: number | null;
  businessHoursId?: string | null;
}

/** A field left out stays as it is; null clears description, escalationRoleId, acceptanceSeconds and businessHoursId. */
export type RolePatch = Partial<NewRole>;
