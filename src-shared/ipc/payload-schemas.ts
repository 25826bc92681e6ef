/**
 * Validators for every invoke payload. The main process runs them before anything else, so a
 * compromised or buggy renderer cannot pass unknown keys, wrong types, huge strings or a domain that
 * is not a DNS name. Small hand-written combinators: no schema library needed for this size.
 */
import { LOCALES, text } from '../i18n/localized'
import { LocalizedError } from '../i18n/localized-error'
import { validateDomainName } from '../validation/dns-name'
import { EVIDENCE_KINDS, REPORT_FORMATS, type InvokeMethod, type RequestOf } from './api-contract'
import { COMMAND_ID_PATTERN } from './runnable-fix'
import { WATCH_INTERVAL_SECONDS, WATCH_MAX_MINUTES } from '../watch/watch-limits'

/** A payload that does not match its channel's schema. Nothing was executed. */
export class PayloadError extends LocalizedError {
  override readonly name = 'PayloadError'

  constructor(readonly path: string, problem: string) {
    super(
      text(
        `The app sent an invalid request (${path || 'payload'}: ${problem}); nothing was done.`,
        `應用程式送出了無效的要求（欄位 ${path || 'payload'} 不符合規定）；未執行任何動作。`,
      ),
      { message: `invalid request: ${path || '(payload)'} ${problem}` },
    )
  }
}

/** Parses `input` or throws PayloadError; `path` names the field for the message. */
export type Validator<T> = (input: unknown, path: string) => T

const describe = (input: unknown): string => (input === null ? 'null' : Array.isArray(input) ? 'array' : typeof input)

/** A string of bounded length, optionally matching a pattern. */
export function str(options: { max: number; min?: number; pattern?: RegExp }): Validator<string> {
  return (input, path) => {
    if (typeof input !== 'string') throw new PayloadError(path, `must be a string, got ${describe(input)}`)
    if (input.length > options.max) throw new PayloadError(path, `is longer than ${options.max} characters`)
    if (input.length < (options.min ?? 0)) throw new PayloadError(path, `is shorter than ${options.min} characters`)
    if (options.pattern && !options.pattern.test(input)) throw new PayloadError(path, 'has an unexpected format')
    return input
  }
}

/** An integer in [min, max]. */
export function int(min: number, max: number): Validator<number> {
  return (input, path) => {
    if (typeof input !== 'number' || !Number.isInteger(input)) throw new PayloadError(path, `must be an integer, got ${describe(input)}`)
    if (input < min || input > max) throw new PayloadError(path, `must be between ${min} and ${max}`)
    return input
  }
}

/** One of a fixed list of strings. */
export function oneOf<const T extends string>(values: readonly T[]): Validator<T> {
  return (input, path) => {
    if (typeof input !== 'string' || !(values as readonly string[]).includes(input)) {
      throw new PayloadError(path, `must be one of ${values.join(', ')}`)
    }
    return input as T
  }
}

/** A DNS domain name (validated and lower-cased by the shared rule). */
export const domain: Validator<string> = (input, path) => {
  const value = str({ max: 253, min: 1 })(input, path)
  const result = validateDomainName(value)
  if (!result.ok) throw new PayloadError(path, `is not a domain name (${result.error.en})`)
  return result.value
}

/** An array of at most `max` items. */
export function arrayOf<T>(item: Validator<T>, max: number): Validator<T[]> {
  return (input, path) => {
    if (!Array.isArray(input)) throw new PayloadError(path, `must be an array, got ${describe(input)}`)
    if (input.length > max) throw new PayloadError(path, `has more than ${max} items`)
    return input.map((value, i) => item(value, `${path}[${i}]`))
  }
}

type Shape = Record<string, Validator<unknown>>
type Optional<V> = V & { readonly optional: true }
type ShapeValue<S extends Shape> = {
  [K in keyof S as S[K] extends Optional<unknown> ? never : K]: S[K] extends Validator<infer T> ? T : never
} & {
  [K in keyof S as S[K] extends Optional<unknown> ? K : never]?: S[K] extends Validator<infer T> ? T : never
}

/** Marks a field of {@link object} as optional (absent or undefined). */
export function optional<T>(validator: Validator<T>): Optional<Validator<T>> {
  return Object.assign(((input: unknown, path: string) => validator(input, path)) as Validator<T>, { optional: true as const })
}

/** A plain object with exactly these keys (unknown keys are rejected). */
export function object<S extends Shape>(shape: S): Validator<ShapeValue<S>> {
  return (input, path) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new PayloadError(path, `must be an object, got ${describe(input)}`)
    }
    const proto = Object.getPrototypeOf(input) as unknown
    if (proto !== Object.prototype && proto !== null) throw new PayloadError(path, 'must be a plain object')
    const record = input as Record<string, unknown>
    for (const key of Object.keys(record)) {
      if (!Object.hasOwn(shape, key)) throw new PayloadError(path ? `${path}.${key}` : key, 'is not an accepted field')
    }
    const out: Record<string, unknown> = {}
    for (const [key, validator] of Object.entries(shape)) {
      const fieldPath = path ? `${path}.${key}` : key
      const value = record[key]
      if (value === undefined) {
        if ((validator as Partial<Optional<Validator<unknown>>>).optional) continue
        throw new PayloadError(fieldPath, 'is required')
      }
      out[key] = validator(value, fieldPath)
    }
    return out as ShapeValue<S>
  }
}

/** For channels without a request: only `undefined` (or nothing) is accepted. */
export const nothing: Validator<undefined> = (input, path) => {
  if (input !== undefined) throw new PayloadError(path, 'must be empty')
  return undefined
}

/** Run ids are chosen by the renderer (so it can cancel before the answer arrives). */
export const runId = str({ max: 64, min: 8, pattern: /^[A-Za-z0-9_-]+$/ })
// Node ids are ASCII (`setup-22`, setupNodeId): the en dash of older grouped ids ("setup-18–22") is only read from history.
const nodeId = str({ max: 64, min: 1, pattern: /^[a-z0-9][a-z0-9-]*$/ })
const answerId = str({ max: 32, min: 1, pattern: /^[a-z0-9-]+$/ })
const scenarioName = str({ max: 64, min: 1, pattern: /^[a-z0-9][a-z0-9-]*$/ })
const sessionId = int(1, Number.MAX_SAFE_INTEGER)
const token = str({ max: 128, min: 32, pattern: /^[A-Za-z0-9_-]+$/ })
/** A command is named by its id in the run; its text never comes from the renderer. */
const commandId = str({ max: 16, min: 9, pattern: COMMAND_ID_PATTERN })

/** The validator of every invoke channel's request. */
export const PAYLOAD_SCHEMAS: { readonly [M in InvokeMethod]: Validator<RequestOf<M>> } = {
  getAppInfo: nothing,
  listScenarios: nothing,
  runScenario: object({ runId, name: scenarioName }),
  openEvidence: object({
    runId,
    kind: oneOf(EVIDENCE_KINDS),
    domains: arrayOf(domain, 20),
    partners: arrayOf(domain, 20),
  }),
  openSeveralEvidence: object({
    runId,
    kind: oneOf(EVIDENCE_KINDS),
    domains: arrayOf(domain, 20),
    partners: arrayOf(domain, 20),
  }),
  diagnoseLive: object({ runId, domains: arrayOf(domain, 20) }),
  probeDomain: object({ runId, domain }),
  answerQuestion: object({ runId, nodeId, answerId }),
  cancelRun: object({ runId }),
  // Bounds shared with the renderer's settings (src-shared/watch/watch-limits.ts).
  watchRun: object({
    runId,
    intervalSeconds: int(WATCH_INTERVAL_SECONDS.min, WATCH_INTERVAL_SECONDS.max),
    maxMinutes: int(WATCH_MAX_MINUTES.min, WATCH_MAX_MINUTES.max),
    locale: oneOf(LOCALES),
  }),
  stopWatch: object({ runId }),
  proposeAction: object({ runId, commandId }),
  acknowledgeAction: object({ token }),
  runConfirmedAction: object({ token }),
  listSessions: object({
    search: optional(str({ max: 200 })),
    limit: optional(int(1, 200)),
    offset: optional(int(0, 1_000_000)),
  }),
  openSession: object({ sessionId }),
  addNote: object({ sessionId, body: str({ max: 100_000, min: 1 }) }),
  saveReport: object({ sessionId, format: oneOf(REPORT_FORMATS), locale: oneOf(LOCALES) }),
  // The password is bounded but otherwise free text; PayloadError never echoes a value, so it cannot leak through an error.
  checkCertificate: object({ domains: arrayOf(domain, 20), fileToken: optional(token), password: optional(str({ max: 1024 })) }),
}

/** Validates the request of one channel; throws PayloadError. */
export function validatePayload<M extends InvokeMethod>(method: M, input: unknown): RequestOf<M> {
  return PAYLOAD_SCHEMAS[method](input, '')
}
