export const CONSISTENCY_PERIODS = ['day', 'week'] as const;
export type ConsistencyPeriod = (typeof CONSISTENCY_PERIODS)[number];

/**
 * The consistency target: in every period (a local day, or an ISO week from Monday, in the workspace's time zone),
 * at least `minAttainment` (0 to 1) of first responses meet their target.
 */
export interface ConsistencyTarget {
  period: ConsistencyPeriod;
  minAttainment: number;
}

/** A workspace's settings as the API shows them; reports read them through workspaceSettings(). */
export interface WorkspaceSettings {
  /** IANA zone: report days and hours, and dates in report ranges, are read in it. */
  timezone: string;
  consistency: ConsistencyTarget;
}

/** A checked PUT: only what was given. */
export interface WorkspaceSettingsPatch {
  timezone?: string;
  consistency?: Partial<ConsistencyTarget>;
}
