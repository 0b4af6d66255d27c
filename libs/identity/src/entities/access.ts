export const ACCESS_LEVELS = ['agent', 'lead', 'supervisor', 'admin'] as const;
export type Access = (typeof ACCESS_LEVELS)[number];
