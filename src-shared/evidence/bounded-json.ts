/**
 * A JSON reader whose cost is bounded by caps, not by what the file holds. JSON.parse materializes every value
 * first (a 30 MiB file of `{}` becomes ten million objects, ~1 GB) and caps applied afterwards come too late.
 * This reader materializes only what the caps keep: the first `maxRecords` top-level elements, `maxItems` items
 * and `maxKeys` keys per container, `maxStringLength` characters per string, `maxDepth` levels, `maxNodes` values
 * per document. Everything else is still read for validity and counted, never built. Recursion only happens
 * while materializing (at most maxDepth deep); skipping is iterative, so hostile nesting cannot overflow the stack.
 */

/** The caps one document is read under. */
export interface BoundedJsonLimits {
  /** Top-level array elements materialized (the records of a PowerShell array file). */
  readonly maxRecords: number
  /** Items materialized per nested array. */
  readonly maxItems: number
  /** Keys materialized per object. */
  readonly maxKeys: number
  /** Characters kept per string (the rest is read and dropped). */
  readonly maxStringLength: number
  /** Levels materialized; a deeper container becomes the text NESTED_TOO_DEEP. */
  readonly maxDepth: number
  /** Values materialized in the whole document; when spent, the remaining records are only counted. */
  readonly maxNodes: number
}

/** What a bounded read produced. */
export interface BoundedJsonDocument {
  /** The top-level value: for a top-level array, only its materialized elements. */
  readonly value: unknown
  /** Whether the top level is an array (PowerShell writes one object unwrapped). */
  readonly isArray: boolean
  /** Top-level elements the document holds (1 for a single value). */
  readonly total: number
  /** Top-level elements materialized (the first ones, in order). */
  readonly materialized: number
  /** True when maxNodes ran out before every wanted record was materialized. */
  readonly nodeBudgetSpent: boolean
  /** True when a kept value was shortened (string, items, keys or depth). */
  readonly shortened: boolean
}

/** Where and why the text stops being JSON. */
export class JsonSyntaxError extends Error {
  override readonly name = 'JsonSyntaxError'
  constructor(readonly offset: number) {
    super(`Not valid JSON at offset ${offset}`)
  }
}

/** Stands in for a container nested deeper than maxDepth (same text the normalizer always used). */
export const NESTED_TOO_DEEP = '[nested too deep]'
/** Appended to a string cut at maxStringLength. */
export const STRING_CUT_MARK = '… [truncated]'

const STRING_RUN = /[^"\\\u0000-\u001f]*/y // eslint-disable-line no-control-regex -- JSON forbids raw control characters in strings
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
const HEX4 = /^[0-9a-fA-F]{4}$/
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }
// Property names are short in every PowerShell object; a longer one is cut like a value, whatever maxStringLength says.
const MAX_KEY_LENGTH = 1024
const SIMPLE_ESCAPE_CODES = new Set([...Object.keys(ESCAPES)].map((char) => char.charCodeAt(0)))
const OBJECT = 1
const ARRAY = 2

/** Reads `source` under `limits`; throws JsonSyntaxError where it is not valid JSON (RFC 8259). */
export function readBoundedJson(source: string, limits: BoundedJsonLimits): BoundedJsonDocument {
  return new BoundedReader(source, limits).readDocument()
}

class BoundedReader {
  private pos = 0
  private nodes = 0
  private shortened = false
  private stack = new Uint8Array(64)

  constructor(
    private readonly source: string,
    private readonly limits: BoundedJsonLimits,
  ) {}

  readDocument(): BoundedJsonDocument {
    this.skipWhitespace()
    let result: BoundedJsonDocument
    if (this.source.charCodeAt(this.pos) === 0x5b /* [ */) result = this.readTopLevelArray()
    else {
      const value = this.readValue(0)
      result = { value, isArray: false, total: 1, materialized: 1, nodeBudgetSpent: false, shortened: this.shortened }
    }
    this.skipWhitespace()
    if (this.pos < this.source.length) this.fail()
    return { ...result, shortened: this.shortened }
  }

  private readTopLevelArray(): BoundedJsonDocument {
    const records: unknown[] = []
    let total = 0
    let nodeBudgetSpent = false
    this.pos++
    this.skipWhitespace()
    if (this.source.charCodeAt(this.pos) === 0x5d /* ] */) {
      this.pos++
      return { value: records, isArray: true, total, materialized: 0, nodeBudgetSpent, shortened: false }
    }
    for (;;) {
      this.skipWhitespace()
      const wanted = records.length < this.limits.maxRecords
      if (wanted && this.nodes < this.limits.maxNodes) records.push(this.readValue(1))
      else {
        if (wanted) nodeBudgetSpent = true
        this.skipValue()
      }
      total++
      this.skipWhitespace()
      const next = this.source.charCodeAt(this.pos)
      this.pos++
      if (next === 0x2c /* , */) continue
      if (next === 0x5d /* ] */) break
      this.fail(this.pos - 1)
    }
    return { value: records, isArray: true, total, materialized: records.length, nodeBudgetSpent, shortened: false }
  }

  /** Materializes one value at `depth` (0 = the document itself). */
  private readValue(depth: number): unknown {
    this.skipWhitespace()
    const code = this.source.charCodeAt(this.pos)
    if (code === 0x7b /* { */ || code === 0x5b /* [ */) {
      if (depth >= this.limits.maxDepth) {
        this.shortened = true
        this.skipValue()
        this.nodes++
        return NESTED_TOO_DEEP
      }
      return code === 0x7b ? this.readObject(depth) : this.readArray(depth)
    }
    this.nodes++
    if (code === 0x22 /* " */) return this.readString(this.limits.maxStringLength)
    return this.readScalar()
  }

  private readObject(depth: number): Record<string, unknown> {
    this.nodes++
    const object: Record<string, unknown> = {}
    let keys = 0
    this.pos++
    this.skipWhitespace()
    if (this.source.charCodeAt(this.pos) === 0x7d /* } */) {
      this.pos++
      return object
    }
    for (;;) {
      this.skipWhitespace()
      if (this.source.charCodeAt(this.pos) !== 0x22) this.fail()
      const key = this.readString(MAX_KEY_LENGTH)
      this.skipWhitespace()
      if (this.source.charCodeAt(this.pos) !== 0x3a /* : */) this.fail()
      this.pos++
      if (keys < this.limits.maxKeys && this.nodes < this.limits.maxNodes) {
        setOwn(object, key, this.readValue(depth + 1))
        keys++
      } else {
        this.shortened = true
        this.skipWhitespace()
        this.skipValue()
      }
      this.skipWhitespace()
      const next = this.source.charCodeAt(this.pos)
      this.pos++
      if (next === 0x2c) continue
      if (next === 0x7d) return object
      this.fail(this.pos - 1)
    }
  }

  private readArray(depth: number): unknown[] {
    this.nodes++
    const items: unknown[] = []
    this.pos++
    this.skipWhitespace()
    if (this.source.charCodeAt(this.pos) === 0x5d) {
      this.pos++
      return items
    }
    for (;;) {
      this.skipWhitespace()
      if (items.length < this.limits.maxItems && this.nodes < this.limits.maxNodes) items.push(this.readValue(depth + 1))
      else {
        this.shortened = true
        this.skipValue()
      }
      this.skipWhitespace()
      const next = this.source.charCodeAt(this.pos)
      this.pos++
      if (next === 0x2c) continue
      if (next === 0x5d) return items
      this.fail(this.pos - 1)
    }
  }

  /** A string starting at the opening quote; keeps at most `max` characters (marked when cut). */
  private readString(max: number): string {
    const source = this.source
    let out = ''
    let runStart = ++this.pos
    for (;;) {
      STRING_RUN.lastIndex = this.pos
      STRING_RUN.test(source)
      this.pos = STRING_RUN.lastIndex
      const code = source.charCodeAt(this.pos)
      if (code === 0x22) {
        if (out.length <= max) out += source.slice(runStart, Math.min(this.pos, runStart + max - out.length + 1))
        this.pos++
        break
      }
      if (code !== 0x5c /* \ */) this.fail() // a raw control character, or the end of the text
      if (out.length <= max) out += source.slice(runStart, Math.min(this.pos, runStart + max - out.length + 1))
      const escape = source[this.pos + 1] ?? ''
      let decoded: string
      if (escape === 'u') {
        const hex = source.slice(this.pos + 2, this.pos + 6)
        if (!HEX4.test(hex)) this.fail(this.pos + 1)
        decoded = String.fromCharCode(parseInt(hex, 16))
        this.pos += 6
      } else {
        const simple = ESCAPES[escape]
        if (simple === undefined) this.fail(this.pos + 1)
        decoded = simple as string
        this.pos += 2
      }
      if (out.length <= max) out += decoded
      runStart = this.pos
    }
    if (out.length <= max) return out
    this.shortened = true
    return `${out.slice(0, max)}${STRING_CUT_MARK}`
  }

  private readScalar(): unknown {
    const source = this.source
    const code = source.charCodeAt(this.pos)
    if (code === 0x74 /* t */ && source.startsWith('true', this.pos)) return this.advance(4, true)
    if (code === 0x66 /* f */ && source.startsWith('false', this.pos)) return this.advance(5, false)
    if (code === 0x6e /* n */ && source.startsWith('null', this.pos)) return this.advance(4, null)
    NUMBER.lastIndex = this.pos
    if (!NUMBER.test(source) || NUMBER.lastIndex === this.pos) this.fail()
    const text = source.slice(this.pos, NUMBER.lastIndex)
    this.pos = NUMBER.lastIndex
    return Number(text)
  }

  private advance<T>(length: number, value: T): T {
    this.pos += length
    return value
  }

  /** Reads one value for validity only: nothing is built, containers are tracked on a byte stack. */
  private skipValue(): void {
    const source = this.source
    let pos = this.pos
    let depth = 0
    for (;;) {
      // A value is expected here.
      pos = skipWhitespaceAt(source, pos)
      const code = source.charCodeAt(pos)
      if (code === 0x7b || code === 0x5b) {
        pos = skipWhitespaceAt(source, pos + 1)
        if (source.charCodeAt(pos) === (code === 0x7b ? 0x7d : 0x5d)) pos++
        else {
          depth = this.push(depth, code === 0x7b ? OBJECT : ARRAY)
          if (code === 0x7b) pos = this.skipKeyAt(pos)
          continue
        }
      } else if (code === 0x22) pos = this.skipStringAt(pos)
      else if (code === 0x2d || (code >= 0x30 && code <= 0x39)) pos = this.skipNumberAt(pos)
      else if (code === 0x74 && source.startsWith('true', pos)) pos += 4
      else if (code === 0x66 && source.startsWith('false', pos)) pos += 5
      else if (code === 0x6e && source.startsWith('null', pos)) pos += 4
      else this.fail(pos)
      // After a value: close containers or move on to the next member.
      for (;;) {
        if (depth === 0) {
          this.pos = pos
          return
        }
        pos = skipWhitespaceAt(source, pos)
        const next = source.charCodeAt(pos)
        const open = this.stack[depth - 1]
        if (next === 0x2c) {
          pos++
          if (open === OBJECT) pos = this.skipKeyAt(skipWhitespaceAt(source, pos))
          break
        }
        if (next === (open === OBJECT ? 0x7d : 0x5d)) {
          pos++
          depth--
          continue
        }
        this.fail(pos)
      }
    }
  }

  /** `"key" :` at `pos` (after white space); returns the position after the colon. */
  private skipKeyAt(pos: number): number {
    if (this.source.charCodeAt(pos) !== 0x22) this.fail(pos)
    const after = skipWhitespaceAt(this.source, this.skipStringAt(pos))
    if (this.source.charCodeAt(after) !== 0x3a) this.fail(after)
    return after + 1
  }

  /** A string at its opening quote, validated; returns the position after the closing quote. */
  private skipStringAt(start: number): number {
    const source = this.source
    let pos = start + 1
    for (;;) {
      const code = source.charCodeAt(pos)
      if (code === 0x22) return pos + 1
      if (code === 0x5c) {
        const escape = source.charCodeAt(pos + 1)
        if (escape === 0x75 /* u */) {
          if (!HEX4.test(source.slice(pos + 2, pos + 6))) this.fail(pos + 1)
          pos += 6
        } else if (SIMPLE_ESCAPE_CODES.has(escape)) pos += 2
        else this.fail(pos + 1)
      } else if (!(code >= 0x20)) this.fail(pos) // a raw control character, or the end of the text (NaN)
      else pos++
    }
  }

  /** A number per RFC 8259 §6; returns the position after it. */
  private skipNumberAt(start: number): number {
    const source = this.source
    let pos = start
    if (source.charCodeAt(pos) === 0x2d) pos++
    const first = source.charCodeAt(pos)
    if (first === 0x30) pos++
    else if (first >= 0x31 && first <= 0x39) pos = skipDigits(source, pos)
    else this.fail(pos)
    if (source.charCodeAt(pos) === 0x2e) {
      const digits = skipDigits(source, pos + 1)
      if (digits === pos + 1) this.fail(digits)
      pos = digits
    }
    const exponent = source.charCodeAt(pos)
    if (exponent === 0x65 || exponent === 0x45) {
      pos++
      const sign = source.charCodeAt(pos)
      if (sign === 0x2b || sign === 0x2d) pos++
      const digits = skipDigits(source, pos)
      if (digits === pos) this.fail(digits)
      pos = digits
    }
    return pos
  }

  private push(depth: number, kind: number): number {
    if (depth >= this.stack.length) {
      const grown = new Uint8Array(this.stack.length * 2)
      grown.set(this.stack)
      this.stack = grown
    }
    this.stack[depth] = kind
    return depth + 1
  }

  private skipWhitespace(): void {
    this.pos = skipWhitespaceAt(this.source, this.pos)
  }

  private fail(offset = this.pos): never {
    throw new JsonSyntaxError(Math.min(offset, this.source.length))
  }
}

function skipWhitespaceAt(source: string, start: number): number {
  let pos = start
  for (;;) {
    const code = source.charCodeAt(pos)
    if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) return pos
    pos++
  }
}

function skipDigits(source: string, start: number): number {
  let pos = start
  for (;;) {
    const code = source.charCodeAt(pos)
    if (!(code >= 0x30 && code <= 0x39)) return pos
    pos++
  }
}

// `__proto__` is an ordinary key in JSON (JSON.parse makes it an own property); plain assignment would set the prototype.
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true })
  else object[key] = value
}
