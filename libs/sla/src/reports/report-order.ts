const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/**
 * Rows keyed by role, agent or channel, alphabetically by label (case- and accent-insensitively, "Team 2" before
 * "Team 10"), the unnamed row (no role, unassigned) last, ties by key; sorted here so the order does not depend on
 * the database's collation. Sorts in place and answers the array.
 */
export function byLabel<T extends { key: unknown; label?: string }>(rows: T[], unnamed: (row: T) => boolean): T[] {
  return rows.sort((a, b) => {
    const [la, lb] = [a.label ?? '', b.label ?? ''];
    return Number(unnamed(a)) - Number(unnamed(b)) || collator.compare(la, lb) || (la < lb ? -1 : la > lb ? 1 : 0) || String(a.key).localeCompare(String(b.key));
  });
}
