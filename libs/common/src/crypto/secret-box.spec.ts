import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const hexKey = randomBytes(32).toString('hex');
  const box = new SecretBox(hexKey);

  it('round-trips a secret bound to its row', () => {
    const sealed = box.seal('{"appSecret":"s3cr3t ✓"}', 'channel-1');
    expect(sealed).not.toContain('s3cr3t');
    expect(box.open(sealed, 'channel-1')).toBe('{"appSecret":"s3cr3t ✓"}');
  });

  it('never produces the same ciphertext twice', () => {
    expect(box.seal('same', 'row')).not.toBe(box.seal('same', 'row'));
  });

  it('refuses a ciphertext of another row, another key, or altered', () => {
    const sealed = box.seal('secret', 'channel-1');
    expect(() => box.open(sealed, 'channel-2')).toThrow();
    expect(() => new SecretBox(randomBytes(32).toString('base64')).open(sealed, 'channel-1')).toThrow();
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64');
    body[0] = body[0]! ^ 1;
    expect(() => box.open([...parts.slice(0, 3), body.toString('base64')].join('.'), 'channel-1')).toThrow();
    expect(() => box.open('garbage', 'channel-1')).toThrow('not a sealed secret');
  });

  it('takes the key as hex or base64', () => {
    const bytes = randomBytes(32);
    const sealed = new SecretBox(bytes.toString('hex')).seal('x', 'r');
    expect(new SecretBox(bytes.toString('base64')).open(sealed, 'r')).toBe('x');
  });
});
