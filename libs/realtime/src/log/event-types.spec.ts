import { canSee, wireBody, type LoggedEvent } from './event-types';
import { eventRooms, rooms } from '../socket/rooms';

const event = (roleIds: string[], userIds: string[]): LoggedEvent => ({
  workspaceId: 'w',
  seq: 7,
  type: 'message.created',
  at: '2026-12-01T10:00:00.000Z',
  conversationId: 'c',
  roleIds,
  userIds,
  payload: { conversationId: 'c', message: { id: 'm' } },
});

describe('who sees a logged event', () => {
  const agent = { userId: 'u1', all: false, roleIds: new Set(['care']) };

  it('full access sees everything; an agent its roles and its own', () => {
    expect(canSee({ userId: 'x', all: true, roleIds: new Set() }, event([], []))).toBe(true);
    expect(canSee(agent, event(['care'], []))).toBe(true);
    expect(canSee(agent, event(['sales'], ['u1']))).toBe(true);
    expect(canSee(agent, event(['sales'], ['u2']))).toBe(false);
    expect(canSee(agent, event([], []))).toBe(false);
  });

  it('routes to the same audience through rooms: full access always, then roles and users of the workspace', () => {
    expect(eventRooms('w', ['care'], ['u1'])).toEqual([rooms.all('w'), rooms.role('care'), rooms.user('w', 'u1')]);
    expect(rooms.user('w1', 'u')).not.toBe(rooms.user('w2', 'u'));
  });

  it('puts seq, workspace, time and type beside the payload, which cannot override them', () => {
    const e = event([], []);
    e.payload = { ...e.payload, seq: 1, type: 'forged' };
    expect(wireBody(e)).toEqual({ conversationId: 'c', message: { id: 'm' }, seq: 7, workspaceId: 'w', at: '2026-12-01T10:00:00.000Z', type: 'message.created' });
  });
});
