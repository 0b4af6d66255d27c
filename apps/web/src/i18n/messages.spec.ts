import { format, pickLang } from './define';
import { admin } from './messages/admin';
import { common } from './messages/common';
import { conversation } from './messages/conversation';
import { inbox } from './messages/inbox';
import { supervisor } from './messages/supervisor';
import { team } from './messages/team';

const areas = { common, inbox, conversation, team, supervisor, admin };
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the desk speaks English and Italian', () => {
  it.each(Object.entries(areas))('%s: every key has the same placeholders in both languages', (_name, area) => {
    for (const key of Object.keys(area.en) as Array<keyof typeof area.en>) {
      expect({ key, it: placeholders(area.it[key]) }).toEqual({ key, it: placeholders(area.en[key]) });
    }
  });

  it('keys are unique across areas (one area cannot overwrite another)', () => {
    const seen = new Map<string, string>();
    for (const [name, area] of Object.entries(areas)) {
      for (const key of Object.keys(area.en)) {
        expect({ key, also: seen.get(key) }).toEqual({ key, also: undefined });
        seen.set(key, name);
      }
    }
  });

  it('most Italian strings are translated, not copied from English', () => {
    const all = Object.values(areas).flatMap((a) => Object.keys(a.en).map((k) => [(a.en as Record<string, string>)[k], (a.it as Record<string, string>)[k]]));
    const same = all.filter(([en, it]) => en === it && /[a-z]{4}/i.test(en!));
    // Brand and platform names, "E-mail", "Password", "Report" and a few more are the same words in Italian.
    expect(same.length / all.length).toBeLessThan(0.12);
  });
});

describe('language choice and placeholders', () => {
  it('takes a saved choice, else the first browser language we speak, else English', () => {
    expect(pickLang('it', ['en-GB'])).toBe('it');
    expect(pickLang(null, ['de-DE', 'it-IT', 'en'])).toBe('it');
    expect(pickLang(null, ['en-US'])).toBe('en');
    expect(pickLang(null, ['fr-FR'])).toBe('en');
    expect(pickLang('xx', [])).toBe('en');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('due in {time}', { time: '4m' })).toBe('due in 4m');
    expect(format('{count} followers', { count: 0 })).toBe('0 followers');
    expect(format('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});
