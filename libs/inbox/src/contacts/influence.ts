export type Influence = 'none' | 'low' | 'medium' | 'high' | 'very_high';

/**
 * Influence tier of an author from their follower count: none (unknown or 0), low (< 1k), medium (< 10k),
 * high (< 100k), very_high (100k and more). Counts that are not finite non-negative numbers read as unknown.
 */
export function influenceOf(followers: number | null | undefined): Influence {
  if (followers == null || !Number.isFinite(followers) || followers <= 0) return 'none';
  if (followers < 1_000) return 'low';
  if (followers < 10_000) return 'medium';
  if (followers < 100_000) return 'high';
  return 'very_high';
}
