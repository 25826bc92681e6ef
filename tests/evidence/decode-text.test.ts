import { describe, expect, it } from 'vitest'
import { decodeText } from '../../src-shared/evidence/decode-text'
import { EvidenceParseError } from '../../src-shared/evidence/evidence-parse-error'
import { encodeText, readFixtureBytes } from './evidence-test-files'

const SAMPLE = 'Proto  Local Address\n  TCP    0.0.0.0:5269  通訊協定\n'

describe('decodeText', () => {
  it('reads UTF-8 with and without BOM', () => {
    expect(decodeText(encodeText(SAMPLE, 'utf-8', false))).toMatchObject({ text: SAMPLE, encoding: 'utf-8' })
    expect(decodeText(encodeText(SAMPLE, 'utf-8-bom', false))).toMatchObject({ text: SAMPLE, encoding: 'utf-8-bom' })
  })

  it('reads UTF-16LE with BOM (PowerShell 5.1 ">" and Out-File) and normalizes CRLF', () => {
    const bytes = encodeText(SAMPLE, 'utf-16le-bom')
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfe])
    expect(decodeText(bytes)).toEqual({ text: SAMPLE, encoding: 'utf-16le-bom', replacedCharacters: 0 })
  })

  it('reads UTF-16BE with BOM', () => {
    expect(decodeText(encodeText(SAMPLE, 'utf-16be-bom'))).toMatchObject({ text: SAMPLE, encoding: 'utf-16be-bom' })
  })

  it('detects UTF-16LE without BOM by its NUL pattern', () => {
    expect(decodeText(encodeText(SAMPLE, 'utf-16le'))).toMatchObject({ text: SAMPLE, encoding: 'utf-16le' })
  })

  it('falls back to Big5 (CP950) for bytes that are not UTF-8: zh-TW netstat from cmd.exe', () => {
    const decoded = decodeText(readFixtureBytes('zh-tw', 'netstat-big5.txt'))
    expect(decoded.encoding).toBe('big5')
    expect(decoded.text).toContain('作用中連線')
    expect(decoded.text).toContain('通訊協定  本機位址')
    expect(decoded.text).not.toContain('\r')
  })

  it('normalizes CRLF, stray CR CR LF and lone CR to LF', () => {
    expect(decodeText(new TextEncoder().encode('a\r\nb\r\r\nc\rd')).text).toBe('a\nb\nc\nd')
  })

  it('ignores NUL padding at the end of a file', () => {
    expect(decodeText(new Uint8Array([0x61, 0x62, 0x00, 0x00, 0x00])).text).toBe('ab')
  })

  it('tolerates a few damaged bytes after a UTF-8 BOM and counts them', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('x'.repeat(200)), 0xff])
    const decoded = decodeText(bytes)
    expect(decoded.encoding).toBe('utf-8-bom')
    expect(decoded.replacedCharacters).toBe(1)
  })

  it('rejects binary data with a typed error', () => {
    const binary = new Uint8Array(4096)
    for (let i = 0; i < binary.length; i++) binary[i] = (i * 131 + 7) % 256
    expect(() => decodeText(binary)).toThrow(EvidenceParseError)
    try {
      decodeText(binary)
    } catch (error) {
      expect((error as EvidenceParseError).kind).toBe('not-text')
      expect((error as EvidenceParseError).localized['zh-TW']).toContain('二進位')
    }
  })

  it('rejects a PNG header (NULs scattered on both byte sides)', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0])
    expect(() => decodeText(png)).toThrow(/not text/)
  })

  it('drops a doubled BOM', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x5b, 0x5d])).text).toBe('[]')
  })

  it('returns empty text for an empty file', () => {
    expect(decodeText(new Uint8Array())).toMatchObject({ text: '', encoding: 'utf-8' })
  })
})
