import type { CannedResponse } from '../../api/types';

/** Case- and accent-insensitive form for matching what the agent types. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The responses matching a search, best first: a shortcut equal to the query, then names or shortcuts that start
 * with it, then any containing it (name, shortcut or text). Empty query: all, by name as the server gave them.
 */
export function filterCanned(list: readonly CannedResponse[], query: string): CannedResponse[] {
  const q = fold(query.trim().replace(/^\//, ''));
  if (!q) return [...list];
  const scored: Array<{ item: CannedResponse; score: number; index: number }> = [];
  list.forEach((item, index) => {
    const name = fold(item.name);
    const shortcut = item.shortcut ? fold(item.shortcut) : '';
    let score = -1;
    if (shortcut === q) score = 0;
    else if (shortcut.startsWith(q) || name.startsWith(q)) score = 1;
    else if (shortcut.includes(q) || name.includes(q)) score = 2;
    else if (fold(item.text).includes(q)) score = 3;
    if (score >= 0) scored.push({ item, score, index });
  });
  return scored.sort((a, b) => a.score - b.score || a.index - b.index).map((s) => s.item);
}

/** A `/shortcut` word ending at the cursor, e.g. `Hi! /thanks|`: what Tab may expand. */
export function shortcutAtCursor(text: string, cursor: number): { shortcut: string; start: number; end: number } | null {
  const before = text.slice(0, cursor);
  const match = /(^|\s)\/([\p{L}\p{N}][\p{L}\p{N}_.-]{0,29})$/u.exec(before);
  if (!match) return null;
  const start = cursor - match[2]!.length - 1;
  return { shortcut: match[2]!, start, end: cursor };
}

/** The response whose shortcut is exactly this word (case-insensitively), if any. */
export function byShortcut(list: readonly CannedResponse[], shortcut: string): CannedResponse | undefined {
  const q = fold(shortcut);
  return list.find((c) => c.shortcut !== null && fold(c.shortcut) === q);
}

/** `text` with [start, end) replaced by `insert`, and where the cursor goes after it. */
export function spliceText(text: string, start: number, end: number, insert: string): { text: string; cursor: number } {
  return { text: text.slice(0, start) + insert + text.slice(end), cursor: start + insert.length };
}
