/**
 * A deterministic generator of hostile IPC payload values (no dependency): wrong types, every value the
 * structured clone can carry (Date, Map, Set, typed arrays, BigInt, RegExp, Error), huge strings, prototype
 * pollution keys, deep nesting, NaN/Infinity, control and bidi characters, lone surrogates, extra keys.
 */

/** mulberry32: a small seeded PRNG, good enough to pick test inputs reproducibly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The JS kind of a value, as a schema sees it. */
export type Kind = 'undefined' | 'null' | 'string' | 'number' | 'boolean' | 'array' | 'object' | 'other'

/** Kind of a value: 'object' only for plain objects; Date, Map, BigInt and the like are 'other'. */
export function kindOf(value: unknown): Kind {
  if (value === undefined) return 'undefined'
  if (value === null) return 'null'
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return typeof value as Kind
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as unknown
    return proto === Object.prototype || proto === null ? 'object' : 'other'
  }
  return 'other'
}

const HUGE = 'x'.repeat(1_000_001)
const CONTROL = ['\u0000', '\u0007', '\u001b[2J', '\u001b]52;c;cHduZWQ=\u0007', '\r\n', '\u2028', '\u202e', '\ud800', '\udfff', '\ufeff']

function nested(depth: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 'leaf'
  for (let i = 0; i < depth; i++) value = kind === 'array' ? [value] : { a: value }
  return value
}

const DEEP_ARRAY = nested(20_000, 'array')
const DEEP_OBJECT = nested(20_000, 'object')

/** Objects whose own keys try to reach prototypes (as JSON.parse and structured clone can produce them). */
export function pollutingObjects(): Record<string, unknown>[] {
  return [
    JSON.parse('{"__proto__": {"polluted": "yes"}}') as Record<string, unknown>,
    JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}') as Record<string, unknown>,
    { prototype: { polluted: 'yes' } },
    Object.defineProperty(Object.create(null) as Record<string, unknown>, '__proto__', { value: 'x', enumerable: true }),
  ]
}

/** Fixed hostile values of every kind (the same list every run). */
export function fixedHostileValues(): unknown[] {
  class Impostor {
    runId = 'run-00000001'
  }
  return [
    undefined,
    null,
    true,
    false,
    0,
    -0,
    -1,
    1.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.MAX_SAFE_INTEGER + 2,
    1e308,
    '',
    ' ',
    HUGE,
    'a'.repeat(65),
    'a'.repeat(100_001),
    ...CONTROL.map((c) => `contoso.com${c}`),
    ...CONTROL,
    '__proto__',
    'constructor',
    '../../etc/passwd',
    'C:\\Windows\\System32',
    '$(Start-Process calc)',
    "x'; Remove-Item C:\\ -Recurse; '",
    [],
    [null],
    Array.from({ length: 10_001 }, () => 'contoso.com'),
    DEEP_ARRAY,
    DEEP_OBJECT,
    {},
    { length: 1, 0: 'a' },
    ...pollutingObjects(),
    new Impostor(),
    new Date(0),
    new Map([['runId', 'run-00000001']]),
    new Set(['a']),
    new Uint8Array(4),
    /run/,
    new Error('boom'),
    10n,
  ]
}

let shared: unknown[] | null = null

/** A random hostile value: a fixed one, or a random small structure made of them. */
export function randomHostileValue(random: () => number, depth = 0): unknown {
  shared ??= fixedHostileValues()
  const fixed = shared
  const roll = random()
  if (roll < 0.6 || depth > 3) return fixed[Math.floor(random() * fixed.length)]
  if (roll < 0.75) return Array.from({ length: Math.floor(random() * 4) }, () => randomHostileValue(random, depth + 1))
  const out: Record<string, unknown> = {}
  const keys = ['runId', 'name', 'domain', 'domains', 'token', 'sessionId', 'x', '__defineGetter__', 'toString', 'valueOf', 'hasOwnProperty']
  for (let i = Math.floor(random() * 4); i > 0; i--) out[keys[Math.floor(random() * keys.length)]!] = randomHostileValue(random, depth + 1)
  return out
}
