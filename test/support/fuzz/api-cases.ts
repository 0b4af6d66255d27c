import { NO_SUCH } from '../http';
import type { Example } from './api-routes';
import { mutateJson, randomBody } from './mutate';
import type { Rng } from './random';

/** One API request to send: everything already encoded, so odd bytes reach the desk exactly as written. */
export interface ApiCase {
  kind: string;
  route: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer | string;
}

/** Path parameters no valid request has, already percent-encoded (or deliberately not). */
const ODD_PARAMS = [
  NO_SUCH,
  NO_SUCH.toUpperCase(),
  `{${NO_SUCH}}`,
  NO_SUCH.replaceAll('-', ''),
  '00000000-0000-0000-0000-00000000000g',
  'not-a-uuid',
  'null',
  'undefined',
  '0',
  '-1',
  '1e400',
  '99999999999999999999',
  '%00',
  '%E0%A4%A',
  '%C0%AF',
  '..%2F..%2Fhealth',
  '__proto__',
  'constructor',
  encodeURIComponent("1' OR '1'='1"),
  encodeURIComponent('🔥'.repeat(50)),
  'a'.repeat(2000),
  '%20',
];

const CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=zz', 'application/json; charset=latin1', 'application/vnd.api+json', 'application/xml', ''];

/** Query strings that are not what the route reads: wrong types, repeats, nesting, prototype keys, bad encoding. */
function oddQuery(rng: Rng, valid: Record<string, string>): string {
  const keys = Object.keys(valid);
  const key = keys.length > 0 && rng.chance(0.7) ? rng.pick(keys) : rng.pick(['limit', 'cursor', 'status', 'q', 'from', 'x']);
  const value = rng.pick([
    '',
    '-1',
    '0',
    '1.5',
    '1e3',
    '999999999999999999999',
    'NaN',
    'null',
    'true',
    '%00',
    '%E0%A4%A',
    '%FF',
    encodeURIComponent("' OR 1=1 --"),
    encodeURIComponent('x'.repeat(rng.pick([201, 5000]))),
    encodeURIComponent('2026-02-30'),
    encodeURIComponent('-271821-04-20T00:00:00Z'),
    encodeURIComponent('eyJ4Ijoi'),
    encodeURIComponent(Buffer.from(JSON.stringify(['99999999999999999999', NO_SUCH])).toString('base64url')),
    encodeURIComponent(Buffer.from(JSON.stringify(['1', 'x'])).toString('base64url')),
  ]);
  const validPart = new URLSearchParams(valid).toString();
  const odd = rng.pick([
    `${key}=${value}`,
    `${key}=${value}&${key}=${value}`,
    `${key}[]=${value}`,
    `${key}[a][b]=${value}`,
    `__proto__[${key}]=${value}`,
    `constructor[prototype][x]=1`,
    `${key}`,
    `=${value}`,
    `${'a'.repeat(rng.int(1, 200))}=${value}`,
  ]);
  return rng.chance(0.5) ? `${validPart}&${odd}` : odd;
}

/** The method and path (valid parameters, valid query) of a route's example. */
export async function examplePath(route: string, example: Example): Promise<{ method: string; path: string }> {
  const [method, template] = route.split(' ') as [string, string];
  let path = template;
  for (const [, name] of template.matchAll(/:(\w+)/g)) {
    const given = example.params?.[name!] ?? NO_SUCH;
    path = path.replace(`:${name}`, encodeURIComponent(typeof given === 'string' ? given : await given()));
  }
  const query = new URLSearchParams(example.query ?? {}).toString();
  return { method, path: query ? `${path}?${query}` : path };
}

/** One request to `route`: its valid example, or one of the ways a client gets it wrong. */
export async function apiCase(rng: Rng, route: string, example: Example): Promise<ApiCase> {
  const [method, template] = route.split(' ') as [string, string];
  const names = [...template.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  // fetch sends no body with a GET: those routes get their query fuzzed instead.
  const bodied = method === 'GET' ? 0 : 1;
  const kind = rng.weighted<string>([
    [8, 'valid'],
    [35 * bodied, 'body'],
    [8 * bodied, 'raw-body'],
    [5 * bodied, 'content-type'],
    [16 + 30 * (1 - bodied), 'query'],
    [names.length > 0 ? 20 : 0, 'param'],
    [8, 'headers'],
  ]);
  const params: Record<string, string> = {};
  for (const name of names) {
    const given = example.params?.[name] ?? NO_SUCH;
    params[name] = encodeURIComponent(typeof given === 'string' ? given : await given());
  }
  if (kind === 'param') params[rng.pick(names)] = rng.pick(ODD_PARAMS);
  const query = kind === 'query' ? oddQuery(rng, example.query ?? {}) : new URLSearchParams(example.query ?? {}).toString();
  const path = template.replace(/:(\w+)/g, (_, name: string) => params[name]!) + (query ? `?${query}` : '');
  const headers: Record<string, string> = {};
  let body: Buffer | string | undefined = method === 'GET' ? undefined : JSON.stringify(example.body ?? {});
  if (body !== undefined) headers['content-type'] = 'application/json';
  switch (kind) {
    case 'body':
      body = JSON.stringify(mutateJson(rng, example.body ?? {}, 6));
      headers['content-type'] = 'application/json';
      break;
    case 'raw-body':
      body = randomBody(rng);
      headers['content-type'] = rng.pick(['application/json', 'application/x-www-form-urlencoded']);
      break;
    case 'content-type':
      headers['content-type'] = rng.pick(CONTENT_TYPES);
      body ??= JSON.stringify(example.body ?? {});
      break;
    case 'headers':
      Object.assign(
        headers,
        rng.pick<Record<string, string>>([
          { 'if-match': rng.pick(['0', '-1', 'W/"x"', '"99999999999999999999"', '*', '1, 2', 'abc', '1.5']) },
          { accept: rng.pick(['text/csv', 'application/xml', '*/*;q=0', 'text/csv;q=x']) },
          { 'x-request-id': rng.pick(['', 'x'.repeat(300), '\u00ff\u00fe', '../../etc']) },
          { 'accept-language': 'x'.repeat(4000) },
          { 'content-encoding': rng.pick(['gzip', 'br', 'x-unknown']) },
        ]),
      );
      break;
  }
  return { kind, route, method, path, headers, body };
}
