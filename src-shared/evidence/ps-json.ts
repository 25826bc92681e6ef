/**
 * Reading JSON the way Windows PowerShell 5.1's ConvertTo-Json writes it: a single object is not
 * wrapped in an array, an empty pipeline writes nothing, dates are "\/Date(ms)\/", Get-Date values are
 * {value, DisplayHint, DateTime} objects, enums are numbers, objects deeper than -Depth (default 2)
 * become their ToString() text, and property names are case-insensitive like PowerShell itself.
 */
import { createShapeError, EvidenceParseError } from './evidence-parse-error'
import { addWarning, PARSE_LIMITS, recordCut, type ParseNotes } from './parse-notes'
import { toLineColumn } from './locate-json-error'
import { JsonSyntaxError, readBoundedJson, type BoundedJsonDocument } from './bounded-json'
import { text } from '../i18n/localized'

/** A JSON object as ConvertTo-Json writes one. */
export type PsObject = Readonly<Record<string, unknown>>

/** How many top-level records to build; the rest are validated and counted only. */
export interface PsJsonOptions {
  readonly maxRecords?: number
}

/** A ConvertTo-Json document read under the caps: the records built, and how many the file holds. */
export interface PsJsonDocument {
  /** The normalized value; for a top-level array, only its first `materialized` elements. */
  readonly value: unknown
  readonly isArray: boolean
  /** Top-level elements in the file (1 for a single object). */
  readonly total: number
  /** Top-level elements built. */
  readonly materialized: number
}

/**
 * Reads a ConvertTo-Json document with the caps applied while parsing (bounded-json.ts): at most `maxRecords`
 * top-level records and PARSE_LIMITS.maxNodes values are built, dates become ISO 8601, long strings and deep
 * nesting are capped. Returns undefined for an empty document (what `@() | ConvertTo-Json` writes).
 * The caller decides what a cut means (see parsePsJson).
 */
export function readPsJsonDocument(source: string, notes: ParseNotes | undefined, options: PsJsonOptions = {}): PsJsonDocument | undefined {
  if (isBlank(source)) return undefined
  let document: BoundedJsonDocument
  try {
    document = readBoundedJson(source, {
      maxRecords: options.maxRecords ?? PARSE_LIMITS.maxRecords,
      maxItems: PARSE_LIMITS.maxRecords,
      maxKeys: PARSE_LIMITS.maxKeys,
      maxStringLength: PARSE_LIMITS.maxStringLength,
      maxDepth: PARSE_LIMITS.maxDepth,
      maxNodes: PARSE_LIMITS.maxNodes,
    })
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw createJsonError(source, error.offset)
    throw error
  }
  if (document.shortened && notes) notes.truncated = true
  // Each top-level record is normalized on its own: the array itself was already capped while reading.
  const value = document.isArray
    ? (document.value as unknown[]).map((item) => normalizePsValue(item, 1, notes))
    : normalizePsValue(document.value, 0, notes)
  return { value, isArray: document.isArray, total: document.total, materialized: document.materialized }
}

/**
 * Parses and normalizes a ConvertTo-Json document (see readPsJsonDocument). When records were left out, the
 * cut is recorded in `notes` (the first N of M were read), so the checks reading the file know.
 */
export function parsePsJson(source: string, notes?: ParseNotes, options: PsJsonOptions = {}): unknown {
  const document = readPsJsonDocument(source, notes, options)
  if (!document) return undefined
  if (document.materialized < document.total) {
    recordCut(notes, { unit: 'records', read: document.materialized, total: document.total, order: 'first' })
  }
  return document.value
}

// Checked without trim(): trimming a 30 MiB file copies it; the pattern stops at the first other character.
function isBlank(source: string): boolean {
  return /^\s*$/.test(source)
}

/** Converts "/Date(1700000000000)/" and "/Date(1700000000000+0800)/" to ISO 8601 (UTC); null otherwise. */
export function convertPsDate(value: string): string | null {
  // The milliseconds are UTC; the optional offset only tells the writer's zone (.NET JSON date format).
  const match = /^\/Date\((-?\d{1,16})(?:[+-]\d{4})?\)\/$/.exec(value)
  if (!match?.[1]) return null
  const date = new Date(Number(match[1]))
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}

/** True for a plain JSON object. */
export function isPsObject(value: unknown): value is PsObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** null/undefined → [], an array → itself, anything else → [it] (PS 5.1 unwraps one-element arrays). */
export function toPsArray(value: unknown): readonly unknown[] {
  if (value === undefined || value === null) return []
  return Array.isArray(value) ? value : [value]
}

/** Looks a property up like PowerShell does: exact name first, then ignoring case. */
export function getPsProperty(object: PsObject, name: string): unknown {
  if (Object.hasOwn(object, name)) return object[name]
  const lower = name.toLowerCase()
  for (const key of Object.keys(object)) if (key.toLowerCase() === lower) return object[key]
  return undefined
}

/** The first of several property names that is present (e.g. Name, then ServiceName). */
export function getFirstPsProperty(object: PsObject, names: readonly string[]): unknown {
  for (const name of names) {
    const value = getPsProperty(object, name)
    if (value !== undefined && value !== null) return value
  }
  return undefined
}

/** A string property; numbers are turned into text, objects and arrays give null. */
export function readPsString(object: PsObject, name: string): string | null {
  return toPsString(getPsProperty(object, name))
}

/** Like readPsString, but "" and white space also give null (unset Lync properties print empty). */
export function readPsText(object: PsObject, name: string): string | null {
  const value = readPsString(object, name)
  return value === null || value.trim() === '' ? null : value
}

/** A scalar as text: strings as they are, numbers and booleans in PowerShell's spelling. */
export function toPsString(value: unknown): string | null {
  if (typeof value === 'string') return value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  return null
}

/** A number property; numeric strings are accepted ("5269"), anything else gives null. */
export function readPsNumber(object: PsObject, name: string): number | null {
  return toPsNumber(getPsProperty(object, name))
}

/** A number from a number or a numeric string. */
export function toPsNumber(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value)
  return null
}

/** A boolean property: true/false, or "True"/"False" in any case (Select-Object with ToString()). */
export function readPsBoolean(object: PsObject, name: string): boolean | null {
  return toPsBoolean(getPsProperty(object, name))
}

/** A boolean from a boolean or its text. */
export function toPsBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase()
    if (lower === 'true') return true
    if (lower === 'false') return false
  }
  return null
}

/**
 * A date property as ISO 8601. Values were already converted by parsePsJson; an ISO text with a zone is
 * converted to UTC, one without a zone is kept as written (it is the server's local time).
 */
export function readPsDate(object: PsObject, name: string): string | null {
  return toPsDate(getPsProperty(object, name))
}

/** A date from a converted or ISO 8601 string; other spellings (locale dependent) give null. */
export function toPsDate(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const fromPs = convertPsDate(value)
  if (fromPs) return fromPs
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(value.trim())
  if (!iso) return null
  if (!iso[3]) return value.trim()
  const date = new Date(value.trim())
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}

/** A list of strings: an array, a single string, or null/empty → []. */
export function readPsStringList(object: PsObject, name: string): readonly string[] {
  return toPsArray(getPsProperty(object, name))
    .map((item) => toPsString(item))
    .filter((item): item is string => item !== null && item.trim() !== '')
}

/**
 * The objects of an array-valued file. Non-objects are skipped with a warning; when nothing but
 * non-objects is there the file has the wrong shape (usually ConvertTo-Json without enough -Depth).
 */
export function readPsRecords(value: unknown, notes: ParseNotes | undefined, maxRecords: number): readonly PsObject[] {
  const items = toPsArray(value)
  const records: PsObject[] = []
  let skipped = 0
  for (const item of items) {
    if (records.length >= maxRecords) {
      if (notes) notes.truncated = true
      addWarning(notes, `truncated: kept the first ${maxRecords} of ${items.length} records`)
      break
    }
    if (isPsObject(item)) records.push(item)
    else skipped++
  }
  if (skipped > 0 && records.length === 0) throw createNotObjectsError(items)
  if (skipped > 0) addWarning(notes, `skipped ${skipped} entries that are not objects`)
  return records
}

/** The one object of a single-object file (an array of one is accepted too). */
export function readPsSingleRecord(value: unknown, notes: ParseNotes | undefined): PsObject {
  const items = toPsArray(value)
  const first = items[0]
  if (items.length === 0) throw createShapeError('The file holds no object.', '檔案中沒有任何物件。')
  if (!isPsObject(first)) throw createNotObjectsError(items)
  if (items.length > 1) addWarning(notes, `expected one object, found ${items.length}; used the first`)
  return first
}

/**
 * A JSON-safe copy of a value for `properties` records: dates converted, strings and arrays capped,
 * nesting capped at PARSE_LIMITS.maxDepth.
 */
export function normalizePsValue(value: unknown, depth = 0, notes?: ParseNotes): unknown {
  if (typeof value === 'string') return capString(convertPsDate(value) ?? value, notes)
  if (value === null || typeof value !== 'object') return value
  if (depth >= PARSE_LIMITS.maxDepth) {
    if (notes) notes.truncated = true
    return '[nested too deep]'
  }
  if (Array.isArray(value)) {
    const kept = value.length > PARSE_LIMITS.maxRecords ? value.slice(0, PARSE_LIMITS.maxRecords) : value
    if (kept !== value) {
      if (notes) notes.truncated = true
      addWarning(notes, `truncated: kept the first ${PARSE_LIMITS.maxRecords} of ${value.length} items`)
    }
    return kept.map((item) => normalizePsValue(item, depth + 1, notes))
  }
  const object = value as Record<string, unknown>
  const dateTime = convertDateTimeObject(object)
  if (dateTime) return dateTime
  const copy: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(object)) copy[key] = normalizePsValue(item, depth + 1, notes)
  return copy
}

// Get-Date output carries extra PowerShell members, so ConvertTo-Json writes
// {"value": "\/Date(..)\/", "DisplayHint": 2, "DateTime": "Friday, November 20, 2026 9:30:00 AM"}.
function convertDateTimeObject(object: Record<string, unknown>): string | null {
  const keys = Object.keys(object).map((key) => key.toLowerCase())
  if (!keys.includes('value') || !keys.includes('datetime')) return null
  const inner = getPsProperty(object, 'value')
  return typeof inner === 'string' ? convertPsDate(inner) : null
}

function capString(value: string, notes: ParseNotes | undefined): string {
  if (value.length <= PARSE_LIMITS.maxStringLength) return value
  if (notes) notes.truncated = true
  return `${value.slice(0, PARSE_LIMITS.maxStringLength)}… [truncated]`
}

function createNotObjectsError(items: readonly unknown[]): EvidenceParseError {
  const sample = items.find((item) => typeof item === 'string')
  // "@{Name=..}" or a .NET type name is what PS 5.1 writes for objects nested deeper than -Depth.
  if (typeof sample === 'string' && (/^@\{/.test(sample) || /^[A-Z][\w]*(\.[A-Z_][\w]*)+$/.test(sample))) {
    return createShapeError(
      `Objects were written as text ("${sample.slice(0, 60)}"): ConvertTo-Json needs a larger -Depth (use -Depth 5).`,
      `物件被寫成文字（"${sample.slice(0, 60)}"）：ConvertTo-Json 需要較大的 -Depth（請使用 -Depth 5）。`,
    )
  }
  return createShapeError('Expected JSON objects, found other values.', '預期是 JSON 物件，但找到其他值。')
}

function createJsonError(source: string, offset: number): EvidenceParseError {
  const { line, column } = toLineColumn(source, offset)
  const found =
    offset >= source.length ? 'the file ends too early' : `unexpected "${describeNear(source, offset)}"`
  const foundZh = offset >= source.length ? '檔案提早結束' : `意外的「${describeNear(source, offset)}」`
  return new EvidenceParseError(
    'bad-json',
    text(
      `Not valid JSON at line ${line}, column ${column}: ${found}.`,
      `不是有效的 JSON（第 ${line} 行第 ${column} 欄）：${foundZh}。`,
    ),
  )
}

function describeNear(source: string, offset: number): string {
  // A short, printable excerpt: enough to find the spot, never the whole (possibly huge) file.
  return source
    .slice(offset, offset + 20)
    .split('\n')[0] ?? ''
    .replace(/[^\x20-\x7e\u00a0-\uffff]/g, '?')
}
