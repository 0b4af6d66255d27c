import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, request, type RequestOptions } from '../api/client';
import type { Access, LoginAnswer, Me } from '../api/types';

interface Session {
  token: string | null;
  me: Me | null;
  /** True while a stored token is being checked at load. */
  restoring: boolean;
  signIn(email: string, password: string): Promise<void>;
  switchWorkspace(workspaceId: string): Promise<void>;
  signOut(): void;
  /** An API call with this session's token; a 401 signs out (the token expired or the membership ended). */
  api<T>(path: string, options?: Omit<RequestOptions, 'token'>): Promise<T>;
  can(...levels: Access[]): boolean;
}

// sessionStorage: each tab keeps its own sign-in, so a lead can test an agent's view in a second tab.
const TOKEN_KEY = 'desk.token';
const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem(TOKEN_KEY));
  const [me, setMe] = useState<Me | null>(null);
  const [restoring, setRestoring] = useState<boolean>(() => sessionStorage.getItem(TOKEN_KEY) !== null);

  const adopt = useCallback(async (accessToken: string) => {
    const profile = await request<Me>('/api/me', { token: accessToken });
    sessionStorage.setItem(TOKEN_KEY, accessToken);
    setToken(accessToken);
    setMe(profile);
  }, []);

  const signOut = useCallback(() => {
    sessionStorage.removeItem(TOKEN_KEY);
    setToken(null);
    setMe(null);
  }, []);

  useEffect(() => {
    if (!restoring || !token) return;
    adopt(token)
      .catch(() => signOut())
      .finally(() => setRestoring(false));
  }, [restoring, token, adopt, signOut]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const answer = await request<LoginAnswer>('/api/auth/login', { body: { email, password } });
      await adopt(answer.accessToken);
    },
    [adopt],
  );

  const api = useCallback(
    async <T,>(path: string, options: Omit<RequestOptions, 'token'> = {}): Promise<T> => {
      try {
        return await request<T>(path, { ...options, token });
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) signOut();
        throw error;
      }
    },
    [token, signOut],
  );

  const switchWorkspace = useCallback(
    async (workspaceId: string) => {
      const answer = await request<LoginAnswer>('/api/auth/switch', { body: { workspaceId }, token });
      await adopt(answer.accessToken);
    },
    [token, adopt],
  );

  const value = useMemo<Session>(
    () => ({ token, me, restoring, signIn, switchWorkspace, signOut, api, can: (...levels) => !!me && levels.includes(me.access) }),
    [token, me, restoring, signIn, switchWorkspace, signOut, api],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user (only under the signed-in shell). */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a signed-in user');
  return me;
}
