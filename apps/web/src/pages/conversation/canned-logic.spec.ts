import type { CannedResponse } from '../../api/types';
import { byShortcut, filterCanned, fold, shortcutAtCursor, spliceText } from './canned-logic';

const AT = '2026-03-02T10:00:00.000Z';
const canned = (name: string, shortcut: string | null, text = 'Hello'): CannedResponse => ({ id: name, name, shortcut, text, roleId: null, language: null, placeholders: [], createdAt: AT, updatedAt: AT });
const list = [canned('Apology', 'sorry', 'We are sorry'), canned('Opening hours', 'hours', 'We open at 9'), canned('Thanks for the review', 'thanks'), canned('Perché no', null, 'Città')];

describe('filterCanned', () => {
  it('ranks an exact shortcut first, then prefixes, then anything containing the query', () => {
    expect(filterCanned(list, 'thanks').map((c) => c.name)).toEqual(['Thanks for the review']);
    expect(filterCanned(list, 'o').map((c) => c.name)).toEqual(['Opening hours', 'Apology', 'Thanks for the review', 'Perché no']);
    expect(filterCanned(list, 'open at').map((c) => c.name)).toEqual(['Opening hours']);
  });

  it('ignores case, accents and a leading slash; an empty query lists all', () => {
    expect(filterCanned(list, '/SORRY').map((c) => c.name)).toEqual(['Apology']);
    expect(filterCanned(list, 'perche').map((c) => c.name)).toEqual(['Perché no']);
    expect(filterCanned(list, 'citta').map((c) => c.name)).toEqual(['Perché no']);
    expect(filterCanned(list, '  ')).toHaveLength(4);
  });
});

describe('shortcutAtCursor', () => {
  it('finds a /word right before the cursor, at the start or after a space', () => {
    expect(shortcutAtCursor('/thanks', 7)).toEqual({ shortcut: 'thanks', start: 0, end: 7 });
    expect(shortcutAtCursor('Hi! /sorry', 10)).toEqual({ shortcut: 'sorry', start: 4, end: 10 });
  });

  it('ignores slashes inside words and urls, and words the cursor is not at the end of', () => {
    expect(shortcutAtCursor('and/or', 6)).toBeNull();
    expect(shortcutAtCursor('see https://x.example/path', 26)).toBeNull();
    expect(shortcutAtCursor('/thanks more', 12)).toBeNull();
  });
});

describe('byShortcut', () => {
  it('matches the whole shortcut, case-insensitively', () => {
    expect(byShortcut(list, 'Hours')?.name).toBe('Opening hours');
    expect(byShortcut(list, 'hour')).toBeUndefined();
  });
});

describe('spliceText and fold', () => {
  it('replaces a range and puts the cursor after the insert', () => {
    expect(spliceText('Hi /thanks!', 3, 10, 'Thank you')).toEqual({ text: 'Hi Thank you!', cursor: 12 });
  });
  it('folds accents and case', () => {
    expect(fold('Città PERCHÉ')).toBe('citta perche');
  });
});
