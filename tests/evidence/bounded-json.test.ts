/** The bounded JSON reader: same answers as JSON.parse within the caps, bounded work beyond them. */
import { describe, expect, it } from 'vitest'
import { JsonSyntaxError, NESTED_TOO_DEEP, readBoundedJson, STRING_CUT_MARK, type BoundedJsonLimits } from '../../src-shared/evidence/bounded-json'

const WIDE: BoundedJsonLimits = { maxRecords: 1e9, maxItems: 1e9, maxKeys: 1e9, maxStringLength: 1e9, maxDepth: 1e9, maxNodes: 1e9 }

function read(source: string, limits: Partial<BoundedJsonLimits> = {}) {
  return readBoundedJson(source, { ...WIDE, ...limits })
}

const VALID = [
  '[]',
  '{}',
  ' [ 1 , -2.5e+3 , 0 , true , false , null ] ',
  '{"a":{"b":[{"c":"d"}]},"e":"\\u00e9\\n\\"\\\\\\/\\b\\f\\r\\t","f":[]}',
  '"just a string"',
  '12',
  '[{"Name":"RTCSRV","__proto__":{"x":1}}]',
  '["\\ud83d\\ude00", "中文"]',
  '{"dup":1,"dup":2}',
]

const INVALID = ['', '[', '[1,]', '{"a" 1}', '{"a":1,}', '[01]', '["\u0001"]', '["\\x"]', '["\\u12g4"]', '[1] x', 'tru', '{a:1}', '[1 2]', '{"a":1]', '[[[]]']

describe('readBoundedJson within its caps', () => {
  it.each(VALID)('reads %s like JSON.parse', (source) => {
    const parsed: unknown = JSON.parse(source)
    const document = read(source)
    expect(document.value).toEqual(parsed)
    expect(document.isArray).toBe(Array.isArray(parsed))
    if (Array.isArray(parsed)) expect(document.total).toBe(parsed.length)
    expect(document.shortened).toBe(false)
  })

  it('keeps __proto__ as an own property, never as the prototype', () => {
    const [record] = read('[{"__proto__":{"polluted":true}}]').value as Record<string, unknown>[]
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype)
    expect(Object.keys(record!)).toEqual(['__proto__'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it.each(INVALID)('refuses %j where JSON.parse does', (source) => {
    expect(() => JSON.parse(source)).toThrow()
    expect(() => read(source)).toThrow(JsonSyntaxError)
  })

  it.each(INVALID.map((s) => `[${'1,'.repeat(5)}${s === '' ? '[' : s}]`))('refuses %j also in a skipped record', (source) => {
    expect(() => JSON.parse(source)).toThrow()
    expect(() => read(source, { maxRecords: 1 })).toThrow(JsonSyntaxError)
  })

  it('agrees with JSON.parse on generated documents, materialized or skipped', () => {
    let seed = 7
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
    const pieces = ['{', '}', '[', ']', ',', ':', '"a"', '"\\u0041"', '1', '-0.5', 'true', 'null', ' ', '"x\\n"']
    for (let i = 0; i < 3000; i++) {
      const source = Array.from({ length: 1 + Math.floor(random() * 12) }, () => pieces[Math.floor(random() * pieces.length)]).join('')
      let expected: unknown
      let valid = true
      try {
        expected = JSON.parse(source)
      } catch {
        valid = false
      }
      for (const limits of [{}, { maxRecords: 0 }, { maxDepth: 1 }]) {
        if (!valid) expect(() => read(source, limits), source).toThrow(JsonSyntaxError)
        else if (Object.keys(limits).length === 0) expect(read(source).value, source).toEqual(expected)
        else expect(() => read(source, limits), source).not.toThrow()
      }
    }
  })
})

describe('readBoundedJson beyond its caps', () => {
  it('counts every top-level record but materializes only maxRecords', () => {
    const document = read(`[${'{"a":1},'.repeat(999)}{"a":1}]`, { maxRecords: 10 })
    expect(document).toMatchObject({ isArray: true, total: 1000, materialized: 10, nodeBudgetSpent: false })
    expect(document.value).toHaveLength(10)
  })

  it('stops materializing when the node budget is spent, and says so', () => {
    const document = read(`[${'{"a":1,"b":2},'.repeat(99)}{}]`, { maxNodes: 30 })
    expect(document.total).toBe(100)
    expect(document.materialized).toBeLessThan(12)
    expect(document.nodeBudgetSpent).toBe(true)
  })

  it('cuts long strings, wide containers and deep nesting, and marks them', () => {
    const document = read(
      JSON.stringify({ long: 'é'.repeat(50), escaped: '\n'.repeat(50), items: [1, 2, 3, 4], deep: [[[[1]]]], k1: 1, k2: 2 }),
      { maxStringLength: 5, maxItems: 2, maxDepth: 3, maxKeys: 5 },
    )
    expect(document.shortened).toBe(true)
    expect(document.value).toEqual({
      long: `ééééé${STRING_CUT_MARK}`,
      escaped: `\n\n\n\n\n${STRING_CUT_MARK}`,
      items: [1, 2],
      deep: [[NESTED_TOO_DEEP]],
      k1: 1,
    })
    expect(read('"abcde"', { maxStringLength: 5 })).toMatchObject({ value: 'abcde', shortened: false })
  })

  it('skips a million levels of nesting without a stack overflow', () => {
    const deep = `[${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}]`
    expect(read(deep, { maxDepth: 8 }).value).toEqual([[[[[[[[NESTED_TOO_DEEP]]]]]]]])
    expect(() => read(`[${'['.repeat(1_000_000)}]`, { maxDepth: 8 })).toThrow(JsonSyntaxError)
  })

  it('reports the offset where the text stops being JSON', () => {
    expect(() => read('[1,2,x]')).toThrow(expect.objectContaining({ offset: 5 }))
    expect(() => read('[1,2', { maxRecords: 1 })).toThrow(expect.objectContaining({ offset: 4 }))
  })
})
