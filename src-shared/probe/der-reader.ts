/**
 * A small, strict DER (ASN.1) reader: just enough to walk an X.509 certificate to its subject and
 * subjectAltName. Every read is bounds-checked; malformed input throws {@link DerError}, never reads
 * past the buffer and never loops forever (each step consumes at least two bytes).
 */

/** Thrown for any input that is not well-formed DER. */
export class DerError extends Error {
  override readonly name = 'DerError'
}

export type DerClass = 'universal' | 'application' | 'context' | 'private'

/** One tag-length-value: where its content lies in the buffer. */
export interface DerNode {
  readonly tagClass: DerClass
  readonly constructed: boolean
  readonly tagNumber: number
  /** Offset of the first content byte. */
  readonly start: number
  /** Offset just past the last content byte, which is also the end of the whole TLV. */
  readonly end: number
}

/** Universal tag numbers used here. */
export const DER_TAG = {
  boolean: 1,
  integer: 2,
  bitString: 3,
  octetString: 4,
  oid: 6,
  utf8String: 12,
  sequence: 16,
  set: 17,
  printableString: 19,
  teletexString: 20,
  ia5String: 22,
  utcTime: 23,
  generalizedTime: 24,
  universalString: 28,
  bmpString: 30,
} as const

const CLASSES: readonly DerClass[] = ['universal', 'application', 'context', 'private']

/** Reads the TLV that starts at `offset`, which must end at or before `limit`. */
export function readDerNode(bytes: Uint8Array, offset: number, limit: number = bytes.length): DerNode {
  let position = offset
  const first = byteAt(bytes, position++, limit)
  const tagClass = CLASSES[first >> 6] ?? 'universal'
  const constructed = (first & 0x20) !== 0
  let tagNumber = first & 0x1f
  if (tagNumber === 0x1f) {
    tagNumber = 0
    for (let count = 0; ; count++) {
      if (count >= 4) throw new DerError(`tag number too long at offset ${offset}`)
      const part = byteAt(bytes, position++, limit)
      tagNumber = tagNumber * 128 + (part & 0x7f)
      if ((part & 0x80) === 0) break
    }
  }
  const lengthByte = byteAt(bytes, position++, limit)
  let length: number
  if (lengthByte < 0x80) {
    length = lengthByte
  } else {
    const lengthBytes = lengthByte & 0x7f
    // 0x80 is BER's indefinite length, which DER forbids; more than 4 length bytes cannot fit a certificate.
    if (lengthBytes === 0 || lengthBytes > 4) throw new DerError(`unsupported length form at offset ${offset}`)
    length = 0
    for (let i = 0; i < lengthBytes; i++) length = length * 256 + byteAt(bytes, position++, limit)
  }
  const end = position + length
  if (end > limit) throw new DerError(`length ${length} at offset ${offset} runs past its container`)
  return { tagClass, constructed, tagNumber, start: position, end }
}

/** The TLVs directly inside a constructed node. */
export function readDerChildren(bytes: Uint8Array, parent: DerNode): DerNode[] {
  if (!parent.constructed) throw new DerError(`expected a constructed value at offset ${parent.start}`)
  const children: DerNode[] = []
  let position = parent.start
  while (position < parent.end) {
    const child = readDerNode(bytes, position, parent.end)
    children.push(child)
    position = child.end
  }
  return children
}

/** True when the node is the universal tag `tagNumber`. */
export function isUniversal(node: DerNode, tagNumber: number): boolean {
  return node.tagClass === 'universal' && node.tagNumber === tagNumber
}

/** True when the node is context-specific tag [tagNumber]. */
export function isContext(node: DerNode, tagNumber: number): boolean {
  return node.tagClass === 'context' && node.tagNumber === tagNumber
}

/** Decodes an OBJECT IDENTIFIER to dotted form ("2.5.29.17"). */
export function readOid(bytes: Uint8Array, node: DerNode): string {
  if (!isUniversal(node, DER_TAG.oid) || node.end === node.start) throw new DerError(`expected an OID at offset ${node.start}`)
  const arcs: number[] = []
  let value = 0
  for (let i = node.start; i < node.end; i++) {
    const b = bytes[i] ?? 0
    value = value * 128 + (b & 0x7f)
    if (value > Number.MAX_SAFE_INTEGER / 128) throw new DerError(`OID arc too large at offset ${node.start}`)
    if ((b & 0x80) === 0) {
      if (arcs.length === 0) {
        const first = value < 80 ? Math.floor(value / 40) : 2
        arcs.push(first, value - first * 40)
      } else {
        arcs.push(value)
      }
      value = 0
    }
  }
  return arcs.join('.')
}

/** Decodes the string types X.509 uses for names (UTF8, Printable, IA5, Teletex, BMP, Universal). */
export function readDerString(bytes: Uint8Array, node: DerNode): string {
  const content = bytes.subarray(node.start, node.end)
  if (node.tagClass !== 'universal') return latin1(content)
  switch (node.tagNumber) {
    case DER_TAG.utf8String:
      return new TextDecoder('utf-8').decode(content)
    case DER_TAG.bmpString:
      return new TextDecoder('utf-16be').decode(content)
    case DER_TAG.universalString:
      return decodeUtf32Be(content)
    case DER_TAG.printableString:
    case DER_TAG.ia5String:
    case DER_TAG.teletexString:
      return latin1(content)
    default:
      throw new DerError(`expected a string at offset ${node.start}, found tag ${node.tagNumber}`)
  }
}

/** Formats an iPAddress GeneralName (4 or 16 bytes). */
export function formatIpAddress(content: Uint8Array): string {
  if (content.length === 4) return Array.from(content).join('.')
  if (content.length === 16) {
    const groups: string[] = []
    for (let i = 0; i < 16; i += 2) groups.push((((content[i] ?? 0) << 8) | (content[i + 1] ?? 0)).toString(16))
    return groups.join(':')
  }
  return Array.from(content, (b) => b.toString(16).padStart(2, '0')).join('')
}

function byteAt(bytes: Uint8Array, position: number, limit: number): number {
  if (position >= limit || position >= bytes.length) throw new DerError(`unexpected end of data at offset ${position}`)
  return bytes[position] ?? 0
}

function latin1(content: Uint8Array): string {
  let out = ''
  for (const b of content) out += String.fromCharCode(b)
  return out
}

function decodeUtf32Be(content: Uint8Array): string {
  let out = ''
  for (let i = 0; i + 3 < content.length; i += 4) {
    const code = (((content[i] ?? 0) << 24) | ((content[i + 1] ?? 0) << 16) | ((content[i + 2] ?? 0) << 8) | (content[i + 3] ?? 0)) >>> 0
    out += code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD'
  }
  return out
}
