import { describe, expect, it } from 'vitest'
import { EvidenceParseError } from '../../src-shared/evidence/evidence-parse-error'
import { locateJsonError } from '../../src-shared/evidence/locate-json-error'
import { toDnsRecordType, toNegotiationSetting, toServiceStatus, toStartType } from '../../src-shared/evidence/ps-enums'
import {
  convertPsDate,
  getPsProperty,
  parsePsJson,
  readPsBoolean,
  readPsDate,
  readPsRecords,
  toPsArray,
} from '../../src-shared/evidence/ps-json'
import { createParseNotes } from '../../src-shared/evidence/parse-notes'

function parseError(source: string): EvidenceParseError {
  try {
    parsePsJson(source)
  } catch (error) {
    if (error instanceof EvidenceParseError) return error
    throw error
  }
  throw new Error('expected a parse error')
}

describe('PowerShell 5.1 JSON', () => {
  it('converts \\/Date(ms)\\/ with and without offset to ISO 8601 UTC', () => {
    expect(parsePsJson('{"t": "\\/Date(1700000000000)\\/"}')).toEqual({ t: '2023-11-14T22:13:20.000Z' })
    // The milliseconds are UTC; the offset only records the writer's zone.
    expect(convertPsDate('/Date(1700000000000+0800)/')).toBe('2023-11-14T22:13:20.000Z')
    expect(convertPsDate('/Date(-62135596800000)/')).toBe('0001-01-01T00:00:00.000Z')
    expect(convertPsDate('/Date(abc)/')).toBeNull()
  })

  it('unwraps Get-Date objects {value, DisplayHint, DateTime}', () => {
    const source = '{"When": {"value": "\\/Date(1795138200000)\\/", "DisplayHint": 2, "DateTime": "Friday, November 20, 2026 9:30:00 AM"}}'
    expect(parsePsJson(source)).toEqual({ When: '2026-11-20T01:30:00.000Z' })
  })

  it('reads ISO dates from the collector (7 fractional digits) and keeps zone-less local times as written', () => {
    const record = { a: '2026-11-20T01:30:00.0000000Z', b: '2026-11-20T09:30:00+08:00', c: '2026-11-20T09:30:00', d: '11/20/2026' }
    expect(readPsDate(record, 'a')).toBe('2026-11-20T01:30:00.000Z')
    expect(readPsDate(record, 'b')).toBe('2026-11-20T01:30:00.000Z')
    expect(readPsDate(record, 'c')).toBe('2026-11-20T09:30:00')
    expect(readPsDate(record, 'd')).toBeNull()
  })

  it('treats an empty document as "no objects" and a single object as a one-element array', () => {
    expect(parsePsJson('  \n')).toBeUndefined()
    expect(toPsArray(undefined)).toEqual([])
    expect(toPsArray({ Name: 'x' })).toEqual([{ Name: 'x' }])
    expect(toPsArray([1, 2])).toEqual([1, 2])
  })

  it('looks properties up case-insensitively and reads "True"/"False" booleans', () => {
    const record = { enablexmppaccess: 'True', AllowFederatedUsers: false, Other: 'yes' }
    expect(getPsProperty(record, 'EnableXmppAccess')).toBe('True')
    expect(readPsBoolean(record, 'EnableXmppAccess')).toBe(true)
    expect(readPsBoolean(record, 'allowfederatedusers')).toBe(false)
    expect(readPsBoolean(record, 'Other')).toBeNull()
  })

  it('maps documented enum numbers and keeps Lync enum numbers raw', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 9].map(toServiceStatus)).toEqual([
      'Stopped', 'StartPending', 'StopPending', 'Running', 'ContinuePending', 'PausePending', 'Paused', 'Unknown',
    ])
    expect(toServiceStatus('Start Pending')).toBe('StartPending')
    expect([0, 1, 2, 3, 4, 'Auto', 'Manual', 8].map(toStartType)).toEqual([
      'Boot', 'System', 'Automatic', 'Manual', 'Disabled', 'Automatic', 'Manual', '8',
    ])
    expect([1, 5, 28, 33, 'srv', 6].map(toDnsRecordType)).toEqual(['A', 'CNAME', 'AAAA', 'SRV', 'SRV', null])
    expect(toNegotiationSetting('optional')).toBe('Optional')
    expect(toNegotiationSetting(2)).toEqual({ raw: '2' })
    expect(toNegotiationSetting('Sometimes')).toEqual({ raw: 'Sometimes' })
    expect(toNegotiationSetting(null)).toBeNull()
  })

  it('reports bad JSON with line and column, in both languages', () => {
    const error = parseError('[\r\n    {\n        "Name":  "RTCSRV",\n        "Status":  \n    }\n]')
    expect(error.kind).toBe('bad-json')
    expect(error.message).toMatch(/line 5, column 5/)
    expect(error.localized['zh-TW']).toMatch(/第 5 行第 5 欄/)
    expect(parseError('{"a": 1').message).toMatch(/ends too early/)
  })

  it('never quotes a huge input in the error', () => {
    const error = parseError(`{"a": "${'x'.repeat(100_000)}" oops}`)
    expect(error.message.length).toBeLessThan(200)
  })

  it('explains objects flattened by a too small ConvertTo-Json -Depth', () => {
    const notes = createParseNotes()
    expect(() => readPsRecords(['Microsoft.DnsClient.Commands.DnsRecord_SRV'], notes, 10)).toThrow(/-Depth/)
    expect(() => readPsRecords(['@{Name=x; Type=SRV}'], notes, 10)).toThrow(/-Depth/)
  })

  it('caps arrays and says so', () => {
    const notes = createParseNotes()
    expect(readPsRecords([{ a: 1 }, { a: 2 }, { a: 3 }], notes, 2)).toHaveLength(2)
    expect(notes.truncated).toBe(true)
    expect(notes.warnings[0]).toMatch(/truncated/)
  })

  it('survives hostile nesting without a stack overflow', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000)
    expect(() => parsePsJson(deep)).not.toThrow()
    expect(locateJsonError('['.repeat(200_000))).toBe(200_000)
  })
})

describe('locateJsonError', () => {
  it('finds the first invalid character', () => {
    expect(locateJsonError('{"a": 1}')).toBe(-1)
    expect(locateJsonError('{"a": 1,}')).toBe(8)
    expect(locateJsonError('[1 2]')).toBe(3)
    expect(locateJsonError('{"a" 1}')).toBe(5)
    expect(locateJsonError('"a\u0001"')).toBe(2)
    expect(locateJsonError('[1] x')).toBe(4)
    expect(locateJsonError('[tru]')).toBe(1)
  })
})
