import { useEffect, useState } from 'react';

export interface Route {
  /** The path after `#`, without its query: `/inbox`, `/conversations/<id>`. */
  path: string;
  segments: string[];
  query: URLSearchParams;
}

function current(): Route {
  const raw = window.location.hash.replace(/^#/, '') || '/inbox';
  const [path, search = ''] = raw.split('?');
  return { path: path!, segments: path!.split('/').filter(Boolean), query: new URLSearchParams(search) };
}

/** Hash routes: the server serves one index.html and every deep link still works after a reload. */
export function useRoute(): Route {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const update = () => setRoute(current());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

export function navigate(to: string): void {
  window.location.hash = to;
}

export const href = (to: string): string => `#${to}`;
