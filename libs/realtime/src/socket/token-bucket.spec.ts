import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('serves a burst, then refuses until time refills it', () => {
    const bucket = new TokenBucket(3, 2, 5, 0);
    expect([0, 0, 0, 0].map(() => bucket.take(0))).toEqual(['ok', 'ok', 'ok', 'limited']);
    expect(bucket.take(499)).toBe('limited');
    expect(bucket.take(1_000)).toBe('ok');
  });

  it('calls a client abusive once it keeps sending far past the budget, and forgives it as it behaves', () => {
    const bucket = new TokenBucket(1, 1, 3, 0);
    expect(bucket.take(0)).toBe('ok');
    expect([1, 2, 3].map(() => bucket.take(0))).toEqual(['limited', 'limited', 'limited']);
    expect(bucket.take(0)).toBe('abusive');
    const calm = new TokenBucket(1, 1, 3, 0);
    calm.take(0);
    calm.take(0);
    calm.take(0);
    for (let t = 1_000; t <= 5_000; t += 1_000) expect(calm.take(t)).toBe('ok');
    expect(calm.overdraft).toBe(0);
  });

  it('never holds more than its burst however long it waited', () => {
    const bucket = new TokenBucket(2, 10, 0, 0);
    expect([bucket.take(60_000), bucket.take(60_000), bucket.take(60_000)]).toEqual(['ok', 'ok', 'abusive']);
  });
});
