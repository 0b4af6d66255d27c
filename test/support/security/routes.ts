import type { TestDesk } from '../desk';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/**
 * Every HTTP route the running desk answers, as `METHOD /path` with Express's own parameter syntax
 * (`GET /api/users/:id`), read from the Express router itself: a route added anywhere shows up here.
 */
export function routesOf(desk: TestDesk): string[] {
  const express = desk.app.getHttpAdapter().getInstance() as { router?: { stack: Layer[] }; _router?: { stack: Layer[] } };
  const stack = (express.router ?? express._router)!.stack;
  return stack
    .filter((layer) => layer.route)
    .flatMap(({ route }) => Object.keys(route!.methods).filter((m) => route!.methods[m]).map((m) => `${m.toUpperCase()} ${route!.path}`))
    .sort();
}

/** The routes with a parameter in their path (`:id`, `:channelId`, ...). */
export const routesWithParams = (routes: string[]) => routes.filter((r) => r.includes('/:'));
