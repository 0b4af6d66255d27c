import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ChannelType } from '../api/types';
import { useSession } from '../auth/session';
import { useLiveEvents } from '../live/live';

export interface RoleMember {
  userId: string;
  name: string;
  capacity: number | null;
}
export interface Role {
  id: string;
  name: string;
  description: string | null;
  assignment: 'round_robin' | 'least_busy' | 'manual';
  escalationRoleId: string | null;
  acceptanceSeconds: number | null;
  businessHoursId: string | null;
  members: RoleMember[];
}
export interface Channel {
  id: string;
  type: ChannelType;
  name: string;
  webhookUrl: string;
}
export interface Person {
  id: string;
  name: string;
  email?: string;
  access?: string;
}

interface Directory {
  roles: Role[];
  channels: Channel[];
  /** Everyone whose name the caller may see: all users for leads, supervisors and admins; role members for agents. */
  people: Person[];
  roleName(id: string | null | undefined): string | null;
  personName(id: string | null | undefined): string | null;
  channelName(id: string | null | undefined): string | null;
  /** Load again after an edit (a new role, a renamed user). */
  refresh(): void;
}

const DirectoryContext = createContext<Directory | null>(null);

/** Roles, channels and people of the workspace, loaded once per sign-in and shared by every page. */
export function DirectoryProvider({ children }: { children: ReactNode }) {
  const { api, can, me } = useSession();
  const [roles, setRoles] = useState<Role[]>([]);
  const [channels, setChannels] = useState<Channel[]>([]);
  const [users, setUsers] = useState<Person[]>([]);
  const [round, setRound] = useState(0);
  const seesUsers = can('lead', 'supervisor', 'admin');

  useEffect(() => {
    let live = true;
    void api<{ items: Role[] }>('/api/roles').then((r) => live && setRoles(r.items), () => undefined);
    void api<{ items: Channel[] }>('/api/channels').then((r) => live && setChannels(r.items), () => undefined);
    if (seesUsers) void api<{ items: Person[] }>('/api/users').then((r) => live && setUsers(r.items), () => undefined);
    return () => {
      live = false;
    };
  }, [api, seesUsers, round, me?.workspaceId]);

  const refresh = useCallback(() => setRound((r) => r + 1), []);
  // Who is in which role changes what an agent's inbox may hold and the names every page shows.
  useLiveEvents(['role.members.updated', 'member.updated', 'live.resync'], refresh);
  const value = useMemo<Directory>(() => {
    const people = new Map<string, Person>();
    for (const role of roles) for (const m of role.members) people.set(m.userId, { id: m.userId, name: m.name });
    for (const u of users) people.set(u.id, u);
    if (me) people.set(me.id, { id: me.id, name: me.name, email: me.email, access: me.access });
    const byId = <T extends { id: string; name: string }>(list: Iterable<T>) => new Map([...list].map((x) => [x.id, x.name]));
    const roleNames = byId(roles);
    const channelNames = byId(channels);
    const personNames = byId(people.values());
    return {
      roles,
      channels,
      people: [...people.values()].sort((a, b) => a.name.localeCompare(b.name)),
      roleName: (id) => (id ? (roleNames.get(id) ?? null) : null),
      personName: (id) => (id ? (personNames.get(id) ?? null) : null),
      channelName: (id) => (id ? (channelNames.get(id) ?? null) : null),
      refresh,
    };
  }, [roles, channels, users, me, refresh]);
  return <DirectoryContext.Provider value={value}>{children}</DirectoryContext.Provider>;
}

export function useDirectory(): Directory {
  const value = useContext(DirectoryContext);
  if (!value) throw new Error('useDirectory outside DirectoryProvider');
  return value;
}
