/**
 * Fuzz of every IPC invoke channel's payload schema with seeded hostile payloads. The channels come from the
 * contract (INVOKE_METHODS), so a channel added or reshaped there is fuzzed as it is. For each channel a valid
 * payload is found by following the schema's own error messages (no per-channel table), then:
 *  - random hostile payloads: the schema returns or throws PayloadError, never anything else;
 *  - whatever it accepts is plain data of the valid payload's shape (no extra keys, same kinds, finite numbers,
 *    no prototype keys, bounded strings), and Object.prototype is never polluted;
 *  - every mutation of the valid payload that changes a kind, adds a key or swaps the prototype is rejected.
 * The same fuzz run against deliberately broken validators shows it can fail. Seed: XED_FUZZ_SEED.
 */
import { describe, expect, it } from 'vitest'
import { INVOKE_METHODS } from '../../src-shared/ipc/api-contract'
import { int, object, PAYLOAD_SCHEMAS, PayloadError, str, type Validator } from '../../src-shared/ipc/payload-schemas'
import { fixedHostileValues, kindOf, pollutingObjects, randomHostileValue, seededRandom } from './hostile-values'

const SEED = Number(process.env.XED_FUZZ_SEED ?? 0x5eed1ce)
const RANDOM_PAYLOADS = 300
// Candidate strings for a field whose format is unknown: a DNS name, an id, a run id, a 32-character token.
const STRING_POOL = ['contoso.com', 'command-1', 'healthy-edge', 'run-00000001', 'abcdefghijklmnopqrstuvwxyz012345', 'en', 'x']

type Outcome = { ok: true; value: unknown } | { ok: false; error: PayloadError } | { ok: false; error: null; problem: string }

/** Runs the validator; a throw that is not a PayloadError with a path and a message is a problem. */
function attempt(validate: Validator<unknown>, payload: unknown): Outcome {
  try {
    return { ok: true, value: validate(payload, '') }
  } catch (error) {
    if (error instanceof PayloadError && typeof error.path === 'string' && error.localized.en.length > 0) return { ok: false, error }
    return { ok: false, error: null, problem: `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}` }
  }
}

function setAt(root: unknown, path: string, value: unknown): unknown {
  if (path === '') return value
  const keys = path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '')
  const copy = structuredClone(root ?? {}) as Record<string, unknown>
  let node: Record<string, unknown> = copy
  keys.slice(0, -1).forEach((key) => {
    node[key] ??= {}
    node = node[key] as Record<string, unknown>
  })
  node[keys[keys.length - 1]!] = value
  return copy
}

/** A payload the validator accepts, found by following its error messages; null when none is found. */
function discoverValid(validate: Validator<unknown>): { value: unknown } | null {
  let payload: unknown = {}
  const tries = new Map<string, number>()
  for (let step = 0; step < 300; step++) {
    const outcome = attempt(validate, payload)
    if (outcome.ok) return { value: payload }
    if (!outcome.error) return null
    const { path, message } = outcome.error
    const n = tries.get(path) ?? 0
    tries.set(path, n + 1)
    const oneOf = /must be one of (.+)$/.exec(message)?.[1]
    const between = /must be between (-?\d+) and/.exec(message)?.[1]
    let next: unknown
    if (/must be empty/.test(message)) next = undefined
    else if (oneOf) next = oneOf.split(', ')[0]
    else if (between) next = Number(between)
    else if (/must be an integer/.test(message)) next = 1
    else if (/must be an array/.test(message)) next = []
    else if (/must be an object/.test(message)) next = {}
    else if (/is not an accepted field/.test(message)) return null
    else {
      const shorter = Number(/is shorter than (\d+)/.exec(message)?.[1] ?? 0)
      const pool = [...STRING_POOL, 'a'.repeat(Math.max(shorter, 1))].filter((s) => s.length >= shorter)
      if (n >= pool.length + 3) return null
      next = pool[n % pool.length]
    }
    payload = setAt(payload, path, next)
  }
  return null
}

/** Problems of an accepted value that is not plain, bounded data (empty when fine). */
function plainDataProblems(value: unknown, at = 'payload', depth = 0): string[] {
  const kind = kindOf(value)
  if (depth > 6) return [`${at} nested deeper than any schema allows`]
  switch (kind) {
    case 'undefined':
    case 'boolean':
      return []
    case 'string':
      return (value as string).length > 100_000 ? [`${at} is a string of ${(value as string).length} characters`] : []
    case 'number':
      return Number.isFinite(value) ? [] : [`${at} is ${String(value)}`]
    case 'array':
      return (value as unknown[]).length > 1000 ? [`${at} has ${(value as unknown[]).length} items`] : (value as unknown[]).flatMap((v, i) => plainDataProblems(v, `${at}[${i}]`, depth + 1))
    case 'object': {
      if (Object.getPrototypeOf(value) !== Object.prototype) return [`${at} is not a fresh plain object`]
      return Object.keys(value as object).flatMap((k) =>
        ['__proto__', 'constructor', 'prototype'].includes(k) ? [`${at} has the key ${k}`] : plainDataProblems((value as Record<string, unknown>)[k], `${at}.${k}`, depth + 1),
      )
    }
    default:
      return [`${at} is ${kind} (${Object.prototype.toString.call(value)})`]
  }
}

/** Problems of an accepted value whose shape differs from the valid payload's: other keys or kinds. */
function shapeProblems(value: unknown, valid: unknown, at = 'payload'): string[] {
  const kind = kindOf(value)
  if (kindOf(valid) !== kind) return [`${at} is ${kind}, the valid payload has ${kindOf(valid)}`]
  if (kind !== 'object') return []
  const known = valid as Record<string, unknown>
  return Object.keys(value as object).flatMap((k) => (Object.hasOwn(known, k) ? shapeProblems((value as Record<string, unknown>)[k], known[k], `${at}.${k}`) : [`${at}.${k} is not in the valid payload`]))
}

function pollution(): string[] {
  return 'polluted' in ({} as object) ? ['Object.prototype was polluted'] : []
}

/** Everything wrong with how `validate` treats hostile input ([] when it holds), starting from `valid`. */
function fuzz(name: string, validate: Validator<unknown>): string[] {
  const valid = discoverValid(validate)
  if (!valid) return [`${name}: no accepted payload could be found from its error messages`]
  const problems: string[] = []
  const check = (what: string, payload: unknown, mustReject: boolean): void => {
    const outcome = attempt(validate, payload)
    if (!outcome.ok && outcome.error === null) problems.push(`${name}: ${what}: ${outcome.problem}`)
    else if (outcome.ok && mustReject) problems.push(`${name}: ${what}: accepted`)
    else if (outcome.ok) problems.push(...[...plainDataProblems(outcome.value), ...shapeProblems(outcome.value, valid.value)].map((p) => `${name}: ${what}: ${p}`))
    problems.push(...pollution().map((p) => `${name}: ${what}: ${p}`))
  }
  const random = seededRandom(SEED ^ [...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7))
  for (let i = 0; i < RANDOM_PAYLOADS; i++) check(`random payload #${i} (seed ${SEED})`, randomHostileValue(random), false)

  const base = valid.value
  const hostile = fixedHostileValues()
  for (const [i, value] of hostile.entries()) check(`payload = hostile #${i}`, value, kindOf(value) !== kindOf(base))
  if (kindOf(base) === 'object') {
    const record = base as Record<string, unknown>
    for (const key of Object.keys(record)) {
      for (const [i, value] of hostile.entries()) {
        // undefined may mean "left out" for an optional field; a value of the same kind may be valid.
        check(`${key} = hostile #${i}`, { ...record, [key]: value }, kindOf(value) !== kindOf(record[key]) && value !== undefined)
      }
    }
    for (const extra of ['extra', 'constructor', 'toString', 'hasOwnProperty', '__defineGetter__', 'then']) check(`extra key ${extra}`, { ...record, [extra]: 'x' }, true)
    for (const polluting of pollutingObjects()) check(`with keys ${Object.keys(polluting).join(',')}`, Object.assign(polluting, record), true)
    check('inherited fields', Object.create(record) as unknown, true)
    check('a prototype with a throwing getter', Object.assign(Object.create({ get evil(): never { throw new Error('getter ran') } }) as object, record), true)
  }
  return problems
}

describe('IPC payload schemas under hostile payloads', () => {
  it('has a schema for every channel the contract declares, and nothing else', () => {
    expect(Object.keys(PAYLOAD_SCHEMAS).sort()).toEqual([...INVOKE_METHODS].sort())
  })

  for (const method of INVOKE_METHODS) {
    it(`${method}: throws only PayloadError, accepts only plain data of the valid shape, rejects every invalid mutation`, () => {
      expect(fuzz(method, PAYLOAD_SCHEMAS[method] as Validator<unknown>).slice(0, 10)).toEqual([])
    })
  }

  it('catches broken validators (so the checks above can fail)', () => {
    const shape = { runId: str({ max: 64, min: 8, pattern: /^[\w-]+$/ }), sessionId: int(1, 100) }
    const broken: Record<string, Validator<unknown>> = {
      'passes input through': (input) => input,
      'accepts extra keys': (input, path) =>
        kindOf(input) === 'object' ? { ...(input as object), ...object(shape)(Object.fromEntries(Object.entries(input as object).filter(([k]) => k in shape)), path) } : object(shape)(input, path),
      'lets NaN through': (input, path) => {
        const record = input as Record<string, unknown>
        if (Number.isNaN(record?.sessionId)) return { runId: record.runId, sessionId: record.sessionId }
        return object(shape)(input, path)
      },
      'throws a TypeError on null': (input, path) => object(shape)((input as { x?: unknown }).x === undefined ? input : input, path) && Object.keys(input as object),
    }
    for (const [name, validate] of Object.entries(broken)) expect(fuzz(name, validate), name).not.toEqual([])
    expect(fuzz('the real combinators', object(shape) as Validator<unknown>)).toEqual([])
  })
})
