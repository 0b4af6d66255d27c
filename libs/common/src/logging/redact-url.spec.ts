import { redactUrl } from './logging.module';

describe('redactUrl', () => {
  it.each([
    ['/webhooks/c?hub.mode=subscribe&hub.verify_token=fb-verify&hub.challenge=42', '/webhooks/c?hub.mode=subscribe&hub.verify_token=[redacted]&hub.challenge=42'],
    ['/x?access_token=abc&api_key=k&Secret=s&password=p&x-signature=z', '/x?access_token=[redacted]&api_key=[redacted]&Secret=[redacted]&password=[redacted]&x-signature=[redacted]'],
    ['/x?hub%2Everify%5Ftoken=abc&q=token', '/x?hub%2Everify%5Ftoken=[redacted]&q=token'],
    ['/x?%E0%A4%A=1&token', '/x?%E0%A4%A=1&token'],
    ['/api/conversations?q=refund&limit=5', '/api/conversations?q=refund&limit=5'],
    ['/api/me', '/api/me'],
  ])('%s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });
});
