import type { Rng } from './random';

/*
 * Mutations of valid JSON documents (platform fixtures, example API bodies) and of their bytes. A mutated document
 * keeps most of its shape, so it gets past the envelope checks and reaches the code that reads the fields.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const deep = (depth: number): Json => (depth === 0 ? 'bottom' : { a: deep(depth - 1) });

/** Values no valid document holds where they land: wrong types, edge numbers, hostile strings. */
function nastyValue(rng: Rng): Json {
  return rng.pick<() => Json>([
    () => null,
    () => true,
    () => false,
    () => 0,
    () => -1,
    () => 1.5,
    () => -0.000001,
    () => 1e308,
    () => -1e308,
    () => 2 ** 53 + 1,
    () => 2 ** 31,
    () => -(2 ** 63),
    () => '',
    () => ' ',
    () => '0',
    () => '-1',
    () => '12345678901234567890123',
    () => '1e400',
    () => 'NaN',
    () => 'Infinity',
    () => 'null',
    () => 'true',
    () => 'undefined',
    () => '\u0000',
    () => 'a\u0000b',
    () => '\ud800',
    () => '\udfff\ud800',
    () => '\u202e\u200f مرحبا שלום 👋🏽🇮🇹 e\u0301',
    () => '\ufeff\u2028\u2029',
    () => '%00%ff%',
    () => "' OR '1'='1'; DROP TABLE messages; --",
    () => '<script>alert(1)</script>',
    () => '{{contact.firstName}}{{__proto__}}',
    () => '../../../../etc/passwd',
    () => 'urn:li:comment:(urn:li:activity:1,',
    () => '1970-01-01T00:00:00Z',
    () => '9999-12-31T23:59:59.999Z',
    () => '-271821-04-20T00:00:00Z',
    () => '2026-02-30',
    () => '00000000-0000-0000-0000-000000000000',
    () => 'x'.repeat(rng.pick([255, 256, 1001, 10_001, 60_000])),
    () => '💥'.repeat(rng.pick([100, 5000])),
    () => [],
    () => ({}),
    () => [null],
    () => Array.from({ length: rng.pick([2, 100, 1000]) }, (_, i) => i),
    () => deep(rng.pick([10, 40, 70])),
    () => JSON.parse('{"__proto__": {"polluted": "yes", "isAdmin": true}}') as Json,
    () => JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}') as Json,
    () => ({ toString: 'x', valueOf: 1, hasOwnProperty: null }),
  ])();
}

/** Every [container, key] of the document, the root's content included. */
function slots(doc: Json): Array<[Json[] | { [k: string]: Json }, string | number]> {
  const out: Array<[Json[] | { [k: string]: Json }, string | number]> = [];
  const stack: Json[] = [doc];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (Array.isArray(node)) node.forEach((child, i) => (out.push([node, i]), stack.push(child)));
    else if (node !== null && typeof node === 'object') for (const key of Object.keys(node)) out.push([node, key]), stack.push(node[key]!);
  }
  return out;
}

/** Sets an own property, even one named __proto__ (a plain assignment would change the prototype instead). */
function put(target: Json[] | { [k: string]: Json }, key: string | number, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function mutateOnce(rng: Rng, doc: Json): Json {
  const all = slots(doc);
  if (all.length === 0 || rng.chance(0.03)) return nastyValue(rng);
  const [parent, key] = rng.pick(all);
  const current = (parent as Record<string | number, Json>)[key]!;
  const op = rng.weighted<string>([
    [6, 'nasty'],
    [4, 'retype'],
    [3, 'delete'],
    [2, 'string'],
    [2, 'pollute'],
    [1, 'duplicate'],
    [1, 'swap'],
  ]);
  switch (op) {
    case 'retype':
      put(parent, key, retype(rng, current));
      break;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key as string];
      break;
    case 'string':
      put(parent, key, typeof current === 'string' ? mutateString(rng, current) : nastyValue(rng));
      break;
    case 'pollute': {
      // Only objects: JSON has no way to give an array a named key.
      const isObject = (v: unknown): v is { [k: string]: Json } => v !== null && typeof v === 'object' && !Array.isArray(v);
      const target = isObject(current) ? current : isObject(parent) ? parent : undefined;
      if (!target) return nastyValue(rng);
      put(target, rng.pick(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toJSON']), rng.pick<Json>([{ polluted: true }, 'x', null, [], 1]));
      break;
    }
    case 'duplicate':
      if (Array.isArray(current)) current.push(...Array.from({ length: rng.int(1, 30) }, () => structuredClone(current[0] ?? null)));
      else put(parent, key, [current, current]);
      break;
    case 'swap': {
      const [otherParent, otherKey] = rng.pick(all);
      put(parent, key, structuredClone((otherParent as Record<string | number, Json>)[otherKey]!));
      break;
    }
    default:
      put(parent, key, nastyValue(rng));
  }
  return doc;
}

/** The same information in the wrong type: numbers as strings, strings as numbers, objects as arrays... */
function retype(rng: Rng, value: Json): Json {
  if (typeof value === 'number') return rng.pick<Json>([String(value), [value], { value }, value > 0 ? -value : value + 0.5]);
  if (typeof value === 'string') return rng.pick<Json>([Number(value) || value.length, Number.isNaN(Number(value)) ? 0 : Number(value), [value], { value }, value === '' ? null : true]);
  if (typeof value === 'boolean') return rng.pick<Json>([String(value), value ? 1 : 0, null]);
  if (Array.isArray(value)) return rng.pick<Json>([{ ...value }, value[0] ?? null, value.length, JSON.stringify(value)]);
  if (value !== null && typeof value === 'object') return rng.pick<Json>([Object.values(value), [value], JSON.stringify(value), Object.keys(value).length]);
  return rng.pick<Json>(['null', 0, {}, []]);
}

function mutateString(rng: Rng, s: string): string {
  const at = rng.int(0, s.length);
  return rng.pick([
    () => s.slice(0, at),
    () => s + s.repeat(rng.int(1, 50)),
    () => s.slice(0, at) + '\u0000' + s.slice(at),
    () => s.slice(0, at) + '\ud83d' + s.slice(at),
    () => s.toUpperCase(),
    () => ` ${s} `,
    () => s.split('').reverse().join(''),
    () => `${s}${'\u0301'.repeat(200)}`,
  ])();
}

/** A JSON document with 1 to `max` mutations. */
export function mutateJson<T>(rng: Rng, value: T, max = 4): Json {
  let doc = structuredClone(value) as Json;
  const times = rng.weighted([[6, 1], [3, 2], [1, max]] as const);
  for (let i = 0; i < times; i++) doc = mutateOnce(rng, doc);
  return doc;
}

/** Damage to the bytes themselves: cut, flipped, not UTF-8, NULs, a BOM, trailing junk. */
export function mutateBytes(rng: Rng, body: Buffer): Buffer {
  const at = rng.int(0, body.length);
  const cut = (insert: Buffer) => Buffer.concat([body.subarray(0, at), insert, body.subarray(at)]);
  return rng.pick<() => Buffer>([
    () => body.subarray(0, at),
    () => {
      const copy = Buffer.from(body);
      if (copy.length > 0) copy[Math.min(at, copy.length - 1)] ^= 1 << rng.int(0, 7);
      return copy;
    },
    () => cut(Buffer.from(rng.pick([[0xff, 0xfe], [0xc3, 0x28], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80]]))),
    () => cut(Buffer.from([0])),
    () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]),
    () => Buffer.concat([body, Buffer.from(rng.pick([' ', '}', ']]]', ',{"a":1}', '\u0000', 'garbage']))]),
    () => Buffer.from(body.toString('latin1').replace(/"/, "'"), 'latin1'),
    () => Buffer.from(body.toString('utf8').replace(/\{/, `{"${rng.pick(['id', 'object', 'type', 'update_id'])}":1,`)), // a duplicate key
  ])();
}

/** A body of no platform's format at all. */
export function randomBody(rng: Rng): Buffer {
  return rng.pick<() => Buffer>([
    () => Buffer.alloc(0),
    () => Buffer.from(rng.pick(['null', 'true', '0', '""', '[]', '{}', '[{}]', '{"":""}', 'nul', '{', '}', '\u0000', ' '])),
    () => Buffer.from(JSON.stringify(nastyValue(rng))),
    () => Buffer.from(JSON.stringify(mutateJson(rng, { id: 'x', entry: [{ changes: [{ value: {} }] }], message: { text: 'hi' } }, 6))),
    () => rng.bytes(rng.int(1, 2000)),
    () => Buffer.from('['.repeat(rng.pick([100, 5000, 100_000])) + ']'.repeat(rng.pick([0, 100, 5000]))),
    () => Buffer.from(`{"a":"${'x'.repeat(900_000)}"}`),
    () => Buffer.from(`${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`),
    () => Buffer.from(`{${Array.from({ length: 20_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`),
    () => Buffer.from(new URLSearchParams({ from: 'a@b.example', subject: '\u0000', 'body-plain': 'x'.repeat(rng.int(0, 5000)) }).toString()),
  ])();
}
