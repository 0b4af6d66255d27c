import { parseClientMessage } from './client-messages';

const ID = '3f1c2a9e-8d4b-4c1e-9a2f-0b1c2d3e4f50';

describe('parseClientMessage', () => {
  it('accepts exactly the contract messages', () => {
    expect(parseClientMessage('presence.set', { status: 'away' })).toEqual({ ok: true, message: { event: 'presence.set', status: 'away' } });
    for (const event of ['conversation.view', 'conversation.leave', 'conversation.typing']) {
      expect(parseClientMessage(event, { conversationId: ID.toUpperCase() })).toEqual({ ok: true, message: { event, conversationId: ID } });
    }
  });

  it('names every problem: unknown events, wrong types, extra fields, non-objects', () => {
    expect(parseClientMessage('conversation.delete', { conversationId: ID })).toEqual({ ok: false, problems: ['unknown event "conversation.delete"'] });
    expect(parseClientMessage('presence.set', 'online')).toEqual({ ok: false, problems: ['the payload must be an object'] });
    expect(parseClientMessage('presence.set', ['online'])).toEqual({ ok: false, problems: ['the payload must be an object'] });
    expect(parseClientMessage('presence.set', { status: 'offline', admin: true })).toEqual({
      ok: false,
      problems: ['property admin should not exist', 'status must be one of: online, away'],
    });
    expect(parseClientMessage('conversation.view', { conversationId: `${ID}'; DROP TABLE x` })).toEqual({ ok: false, problems: ['conversationId must be a UUID'] });
    expect(parseClientMessage('conversation.typing', null)).toEqual({ ok: false, problems: ['the payload must be an object'] });
  });

  it('does not echo a huge event name back', () => {
    const result = parseClientMessage('x'.repeat(10_000), {});
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result).length).toBeLessThan(200);
  });
});
