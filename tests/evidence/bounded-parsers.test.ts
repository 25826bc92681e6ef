/** The text parsers stop building at their caps and say what they left out (ParseNotes.cut). */
import { describe, expect, it } from 'vitest'
import { normalizeLineEnds } from '../../src-shared/evidence/decode-text'
import { createParseNotes, PARSE_LIMITS } from '../../src-shared/evidence/parse-notes'
import { parseNetstat } from '../../src-shared/evidence/parsers/netstat'
import { parseCsv, parseTasklist } from '../../src-shared/evidence/parsers/tasklist'
import { parseTopology } from '../../src-shared/evidence/parsers/topology'

const LISTENING = '  TCP    0.0.0.0:5269           0.0.0.0:0              LISTENING       2412'

describe('line ends', () => {
  it('normalizes like the two regular expressions it replaces', () => {
    let seed = 3
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
    for (let i = 0; i < 2000; i++) {
      const value = Array.from({ length: Math.floor(random() * 12) }, () => ['\r', '\n', 'a', '中'][Math.floor(random() * 4)]).join('')
      expect(normalizeLineEnds(value), JSON.stringify(value)).toBe(value.replace(/\r*\n/g, '\n').replace(/\r/g, '\n'))
    }
    expect(normalizeLineEnds('\uFEFFa\r\n')).toBe('\uFEFFa\n')
  })
})

describe('netstat.txt', () => {
  it('reads the first lines up to the cap and counts the rest', () => {
    const notes = createParseNotes()
    const entries = parseNetstat(`${LISTENING}\n`.repeat(PARSE_LIMITS.maxLines + 5), notes)
    expect(entries).toHaveLength(PARSE_LIMITS.maxLines)
    expect(notes.cut).toEqual({ unit: 'lines', read: PARSE_LIMITS.maxLines, total: PARSE_LIMITS.maxLines + 5, order: 'first' })
  })

  it('does not split an overlong line into tokens: it is no connection line', () => {
    const notes = createParseNotes()
    expect(parseNetstat(`TCP ${'a '.repeat(100_000)}\n${LISTENING}\n`, notes)).toHaveLength(1)
    expect(notes.cut).toBeUndefined()
  })
})

describe('tasklist.csv', () => {
  it('keeps 16,000 characters of a cell and records the cut with the cell\'s real length', () => {
    const notes = createParseNotes()
    const cell = `${'a,'.repeat(20_000)}a`
    const entries = parseTasklist(`"Image Name","PID","Services"\n"svchost.exe","1234","${cell}"\n"XmppProxy.exe","2412","RTCXMPPTGWPX"\n`, notes)
    expect(entries.map((e) => e.pid)).toEqual([1234, 2412])
    expect(entries[1]?.services).toEqual(['RTCXMPPTGWPX'])
    expect(notes.cut).toEqual({ unit: 'cell-characters', read: PARSE_LIMITS.maxCellLength, total: cell.length, order: 'first' })
  })

  it('reads RFC 4180 cells as before: quotes, doubled quotes, commas and line ends inside quotes', () => {
    expect(parseCsv('"a ""b""",c\n"x\ny",,"z"', 10)).toEqual([['a "b"', 'c'], ['x\ny', '', 'z']])
    expect(parseCsv('a,b\r\n', 10)).toEqual([['a', 'b\r']])
  })

  it('counts the rows beyond the cap', () => {
    const notes = createParseNotes()
    expect(parseCsv('1,2,3\n'.repeat(12), 10, notes)).toHaveLength(10)
    expect(notes.cut).toEqual({ unit: 'lines', read: 10, total: 12, order: 'first' })
  })
})

describe('topology.xml', () => {
  it('refuses an element with thousands of attributes before building them', () => {
    const attributes = Array.from({ length: 5000 }, (_, i) => `a${i}="1"`).join(' ')
    expect(() => parseTopology(`<Topology ${attributes}/>`)).toThrow(/more than 256 attributes/)
  })

  it('stops at the element cap and records how much of the file was read', () => {
    const notes = createParseNotes()
    const source = `<Topology>${'<E/>'.repeat(PARSE_LIMITS.maxTopologyElements + 100_000)}</Topology>`
    parseTopology(source, notes)
    expect(notes.cut).toMatchObject({ unit: 'characters', total: source.length, order: 'first' })
    expect(notes.cut!.read).toBeLessThan(source.length)
  })
})
