import { readJsonObject } from '../../http/read-json';
import { followerCount, idOf, isoFromMillis, isoFromTime, MAX_FOLLOWERS } from './payload-fields';

/** What the fuzz tests (test/e2e/fuzz-*.e2e-spec.ts) found reaching PostgreSQL, pinned. */
describe('payload readers refuse what no column can hold', () => {
  it('takes no blank id: every blank one would be the same message', () => {
    expect([idOf(''), idOf(' '), idOf('\ufeff\u2028\u2029'), idOf('\t'), idOf('\u0000 ')]).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect([idOf(' a '), idOf(42)]).toEqual([' a ', '42']);
  });

  it('reads times only in the years 1 to 9999', () => {
    expect(isoFromMillis(8.64e15)).toBeUndefined();
    expect(isoFromTime(Date.parse('-271821-04-20T00:00:00Z'))).toBeUndefined();
    expect(isoFromTime(Date.parse('9999-12-31T23:59:59.999Z'))).toBe('9999-12-31T23:59:59.999Z');
    expect(isoFromMillis('1718003800333')).toBe('2024-06-10T07:16:40.333Z');
  });

  it('caps a follower count at what an integer column holds', () => {
    expect([followerCount(2 ** 40), followerCount(-1), followerCount(1.5), followerCount('5'), followerCount(7)]).toEqual([MAX_FOLLOWERS, undefined, undefined, undefined, 7]);
  });

  it('turns lone surrogates into U+FFFD, in values and keys, and keeps pairs', () => {
    const body = readJsonObject(Buffer.from('{"id":"a\\ud800b","\\udfffk":["\\ud83d\\ude00","x\\udc00"],"__proto__":{"p":"\\ud800"}}'));
    expect(body).toEqual({ id: 'a\ufffdb', '\ufffdk': ['😀', 'x\ufffd'], ['__proto__']: { p: '\ufffd' } });
    expect(Object.hasOwn(body, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).p).toBeUndefined();
  });
});
