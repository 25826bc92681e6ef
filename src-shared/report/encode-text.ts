/**
 * Text → bytes in the encoding an evidence file came in (the reverse of decodeText), so a redacted file keeps
 * its encoding and BOM: PowerShell 5.1's UTF-16LE with BOM stays UTF-16LE with BOM, cmd.exe's Big5 stays Big5.
 * Pure code: TextEncoder/TextDecoder exist in Node and in browsers.
 */
import type { TextEncodingName } from '../evidence/decode-text'

const BOMS: Partial<Record<TextEncodingName, readonly number[]>> = {
  'utf-8-bom': [0xef, 0xbb, 0xbf],
  'utf-16le-bom': [0xff, 0xfe],
  'utf-16be-bom': [0xfe, 0xff],
}

/** Encodes `text` in `encoding`, with the BOM that encoding name implies. Big5 writes "?" for what it cannot hold. */
export function encodeText(text: string, encoding: TextEncodingName): Uint8Array {
  const bom = BOMS[encoding] ?? []
  const body = encodeBody(text, encoding)
  const bytes = new Uint8Array(bom.length + body.length)
  bytes.set(bom, 0)
  bytes.set(body, bom.length)
  return bytes
}

/** The bytes after the BOM decoded as they are (no line-end normalization), for a faithful round trip. */
export function decodeBodyExactly(bytes: Uint8Array, encoding: TextEncodingName): string {
  const body = bytes.subarray(BOMS[encoding]?.length ?? 0)
  const label = encoding.startsWith('utf-16le') ? 'utf-16le' : encoding.startsWith('utf-16be') ? 'utf-16be' : encoding === 'big5' ? 'big5' : 'utf-8'
  const text = new TextDecoder(label, { fatal: false, ignoreBOM: true }).decode(body)
  // decodeText drops trailing NUL padding and a second BOM; so do we.
  let end = text.length
  while (end > 0 && text.charCodeAt(end - 1) === 0) end--
  return text.slice(text.startsWith('\uFEFF') ? 1 : 0, end)
}

function encodeBody(text: string, encoding: TextEncodingName): Uint8Array {
  if (encoding === 'utf-8' || encoding === 'utf-8-bom') return new TextEncoder().encode(text)
  if (encoding === 'big5') return encodeBig5(text)
  const bytes = new Uint8Array(text.length * 2)
  const littleEndian = encoding.startsWith('utf-16le')
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    bytes[2 * i + (littleEndian ? 0 : 1)] = unit & 0xff
    bytes[2 * i + (littleEndian ? 1 : 0)] = unit >> 8
  }
  return bytes
}

let big5Table: Map<number, number> | null = null

/**
 * Code point → Big5 byte pair, built once from the platform's own Big5 decoder (so what we write decodes back
 * to the same character). Standard Big5 lead bytes (0xA1–0xFE) win over the HKSCS range, as CP950 has only those.
 */
function big5(): Map<number, number> {
  if (big5Table) return big5Table
  const table = new Map<number, number>()
  const trails = [...range(0x40, 0x7e), ...range(0xa1, 0xfe)]
  const decoder = new TextDecoder('big5')
  for (const lead of [...range(0xa1, 0xfe), ...range(0x81, 0xa0)]) {
    // One decode per lead byte: pairs separated by LF, which is never part of a pair.
    const bytes = new Uint8Array(trails.length * 3)
    trails.forEach((trail, k) => bytes.set([lead, trail, 0x0a], k * 3))
    decoder
      .decode(bytes)
      .split('\n')
      .forEach((ch, k) => {
        const point = ch.codePointAt(0)
        const trail = trails[k]
        if (point === undefined || trail === undefined || ch.length !== String.fromCodePoint(point).length || point === 0xfffd) return
        if (!table.has(point)) table.set(point, (lead << 8) | trail)
      })
  }
  big5Table = table
  return table
}

function encodeBig5(text: string): Uint8Array {
  const table = big5()
  const out: number[] = []
  for (const ch of text) {
    const point = ch.codePointAt(0) ?? 0x3f
    if (point < 0x80) out.push(point)
    else {
      const pair = table.get(point)
      if (pair === undefined) out.push(0x3f)
      else out.push(pair >> 8, pair & 0xff)
    }
  }
  return Uint8Array.from(out)
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, k) => from + k)
}
