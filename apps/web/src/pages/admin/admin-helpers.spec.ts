import { pickSection, sectionsFor } from './admin-sections';
import { joinLines, parseLines } from './term-lists';
import { timeZoneOptions } from './time-zones';

describe('which Administration sections a user sees', () => {
  it('gives admins every section and supervisors only what they may edit', () => {
    expect(sectionsFor('admin')).toEqual(['channels', 'users', 'sla-policies', 'business-hours', 'settings', 'canned-responses', 'reply-policy']);
    expect(sectionsFor('supervisor')).toEqual(['sla-policies', 'business-hours', 'settings']);
    expect(sectionsFor('agent')).toEqual([]);
  });

  it('opens the section asked for only when allowed, else the first allowed one', () => {
    expect(pickSection('admin', 'users')).toBe('users');
    expect(pickSection('admin', undefined)).toBe('channels');
    expect(pickSection('supervisor', 'channels')).toBe('sla-policies');
    expect(pickSection('supervisor', 'business-hours')).toBe('business-hours');
    expect(pickSection('agent', 'channels')).toBeNull();
  });
});

describe('term lists typed one per line', () => {
  it('drops blank lines and repeats in any case, keeping the first spelling', () => {
    expect(parseLines(' lawyer \n\nLawyer\r\nclass action\n')).toEqual(['lawyer', 'class action']);
    expect(parseLines(joinLines(['a', 'b']))).toEqual(['a', 'b']);
  });
});

describe('time zone choices', () => {
  it('always offers UTC and the current zone, sorted', () => {
    expect(timeZoneOptions(['Europe/Rome', 'America/New_York'], 'Asia/Calcutta')).toEqual(['America/New_York', 'Asia/Calcutta', 'Europe/Rome', 'UTC']);
    expect(timeZoneOptions(['UTC', 'Europe/Rome'])).toEqual(['Europe/Rome', 'UTC']);
  });
});
