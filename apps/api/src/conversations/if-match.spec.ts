import { parseIfMatch } from './if-match';

describe('parseIfMatch', () => {
  it('reads a version however it is quoted', () => {
    expect(parseIfMatch('"3"')).toBe(3);
    expect(parseIfMatch('3')).toBe(3);
    expect(parseIfMatch('W/"3"')).toBe(3);
    expect(parseIfMatch(' "12" ')).toBe(12);
  });

  it('is no condition when absent or *', () => {
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(parseIfMatch('*')).toBeUndefined();
  });

  it('refuses anything else with 400 VALIDATION_FAILED', () => {
    for (const bad of ['', 'abc', '"3', '3"', '"-1"', '"1.5"', '"1", "2"', 'W/3x', '"9999999999"', ['"1"', '"2"']]) {
      expect(() => parseIfMatch(bad)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    }
  });
});
