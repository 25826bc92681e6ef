/**
 * RC2 (RFC 2268), only because Windows Server 2008 R2–2012 R2 export the certificates of a PFX with
 * pbeWithSHAAnd40BitRC2-CBC and OpenSSL 3 (Node 17+) no longer offers RC2 outside its legacy provider.
 * Decryption is what the PFX reader needs; encryption exists for the RFC's own test vectors (§5).
 */

/** "PITABLE", RFC 2268 §2: a permutation of 0..255 derived from the digits of pi. */
const PITABLE = new Uint8Array([
  0xd9, 0x78, 0xf9, 0xc4, 0x19, 0xdd, 0xb5, 0xed, 0x28, 0xe9, 0xfd, 0x79, 0x4a, 0xa0, 0xd8, 0x9d,
  0xc6, 0x7e, 0x37, 0x83, 0x2b, 0x76, 0x53, 0x8e, 0x62, 0x4c, 0x64, 0x88, 0x44, 0x8b, 0xfb, 0xa2,
  0x17, 0x9a, 0x59, 0xf5, 0x87, 0xb3, 0x4f, 0x13, 0x61, 0x45, 0x6d, 0x8d, 0x09, 0x81, 0x7d, 0x32,
  0xbd, 0x8f, 0x40, 0xeb, 0x86, 0xb7, 0x7b, 0x0b, 0xf0, 0x95, 0x21, 0x22, 0x5c, 0x6b, 0x4e, 0x82,
  0x54, 0xd6, 0x65, 0x93, 0xce, 0x60, 0xb2, 0x1c, 0x73, 0x56, 0xc0, 0x14, 0xa7, 0x8c, 0xf1, 0xdc,
  0x12, 0x75, 0xca, 0x1f, 0x3b, 0xbe, 0xe4, 0xd1, 0x42, 0x3d, 0xd4, 0x30, 0xa3, 0x3c, 0xb6, 0x26,
  0x6f, 0xbf, 0x0e, 0xda, 0x46, 0x69, 0x07, 0x57, 0x27, 0xf2, 0x1d, 0x9b, 0xbc, 0x94, 0x43, 0x03,
  0xf8, 0x11, 0xc7, 0xf6, 0x90, 0xef, 0x3e, 0xe7, 0x06, 0xc3, 0xd5, 0x2f, 0xc8, 0x66, 0x1e, 0xd7,
  0x08, 0xe8, 0xea, 0xde, 0x80, 0x52, 0xee, 0xf7, 0x84, 0xaa, 0x72, 0xac, 0x35, 0x4d, 0x6a, 0x2a,
  0x96, 0x1a, 0xd2, 0x71, 0x5a, 0x15, 0x49, 0x74, 0x4b, 0x9f, 0xd0, 0x5e, 0x04, 0x18, 0xa4, 0xec,
  0xc2, 0xe0, 0x41, 0x6e, 0x0f, 0x51, 0xcb, 0xcc, 0x24, 0x91, 0xaf, 0x50, 0xa1, 0xf4, 0x70, 0x39,
  0x99, 0x7c, 0x3a, 0x85, 0x23, 0xb8, 0xb4, 0x7a, 0xfc, 0x02, 0x36, 0x5b, 0x25, 0x55, 0x97, 0x31,
  0x2d, 0x5d, 0xfa, 0x98, 0xe3, 0x8a, 0x92, 0xae, 0x05, 0xdf, 0x29, 0x10, 0x67, 0x6c, 0xba, 0xc9,
  0xd3, 0x00, 0xe6, 0xcf, 0xe1, 0x9e, 0xa8, 0x2c, 0x63, 0x16, 0x01, 0x3f, 0x58, 0xe2, 0x89, 0xa9,
  0x0d, 0x38, 0x34, 0x1b, 0xab, 0x33, 0xff, 0xb0, 0xbb, 0x48, 0x0c, 0x5f, 0xb9, 0xb1, 0xcd, 0x2e,
  0xc5, 0xf3, 0xdb, 0x47, 0xe5, 0xa5, 0x9c, 0x77, 0x0a, 0xa6, 0x20, 0x68, 0xfe, 0x7f, 0xc1, 0xad,
])

const ROTATIONS = [1, 2, 3, 5] as const

/** The 64 16-bit subkeys of RFC 2268 §2 for a key of 1..128 bytes and an effective key length in bits. */
export function expandRc2Key(key: Uint8Array, effectiveBits: number): Uint16Array {
  if (key.length < 1 || key.length > 128) throw new RangeError('RC2 keys are 1 to 128 bytes long')
  if (!Number.isInteger(effectiveBits) || effectiveBits < 1 || effectiveBits > 1024) throw new RangeError('RC2 effective key length is 1 to 1024 bits')
  const l = new Uint8Array(128)
  l.set(key)
  const t = key.length
  for (let i = t; i < 128; i++) l[i] = PITABLE[(l[i - 1]! + l[i - t]!) & 0xff]!
  const t8 = Math.ceil(effectiveBits / 8)
  const tm = 0xff >> (8 * t8 - effectiveBits)
  l[128 - t8] = PITABLE[l[128 - t8]! & tm]!
  for (let i = 127 - t8; i >= 0; i--) l[i] = PITABLE[l[i + 1]! ^ l[i + t8]!]!
  const k = new Uint16Array(64)
  for (let i = 0; i < 64; i++) k[i] = l[2 * i]! | (l[2 * i + 1]! << 8)
  return k
}

/** Encrypts one 8-byte block (RFC 2268 §3). */
export function encryptRc2Block(k: Uint16Array, block: Uint8Array): Uint8Array {
  const r = toWords(block)
  let j = 0
  const mix = (): void => {
    for (let i = 0; i < 4; i++) {
      const sum = r[i]! + k[j++]! + (r[(i + 3) % 4]! & r[(i + 2) % 4]!) + (~r[(i + 3) % 4]! & r[(i + 1) % 4]!)
      const value = sum & 0xffff
      const s = ROTATIONS[i]!
      r[i] = ((value << s) | (value >> (16 - s))) & 0xffff
    }
  }
  const mash = (): void => {
    for (let i = 0; i < 4; i++) r[i] = (r[i]! + k[r[(i + 3) % 4]! & 63]!) & 0xffff
  }
  runSchedule(mix, mash)
  return fromWords(r)
}

/** Decrypts one 8-byte block (RFC 2268 §4). */
export function decryptRc2Block(k: Uint16Array, block: Uint8Array): Uint8Array {
  const r = toWords(block)
  let j = 63
  const mix = (): void => {
    for (let i = 3; i >= 0; i--) {
      const s = ROTATIONS[i]!
      const value = r[i]!
      const rotated = ((value >> s) | (value << (16 - s))) & 0xffff
      r[i] = (rotated - k[j--]! - (r[(i + 3) % 4]! & r[(i + 2) % 4]!) - (~r[(i + 3) % 4]! & r[(i + 1) % 4]!)) & 0xffff
    }
  }
  const mash = (): void => {
    for (let i = 3; i >= 0; i--) r[i] = (r[i]! - k[r[(i + 3) % 4]! & 63]!) & 0xffff
  }
  runSchedule(mix, mash)
  return fromWords(r)
}

/** RC2-CBC decryption with PKCS #7 padding removed; throws on a length or padding that cannot be right. */
export function decryptRc2Cbc(key: Uint8Array, effectiveBits: number, iv: Uint8Array, data: Uint8Array): Uint8Array {
  if (iv.length !== 8) throw new RangeError('RC2-CBC needs an 8-byte IV')
  if (data.length === 0 || data.length % 8 !== 0) throw new RangeError('RC2-CBC data is not a whole number of blocks')
  const k = expandRc2Key(key, effectiveBits)
  const out = new Uint8Array(data.length)
  let previous = iv
  for (let offset = 0; offset < data.length; offset += 8) {
    const block = data.subarray(offset, offset + 8)
    const plain = decryptRc2Block(k, block)
    for (let i = 0; i < 8; i++) out[offset + i] = plain[i]! ^ previous[i]!
    previous = block
  }
  return removePkcs7Padding(out, 8)
}

/** Strips PKCS #7 padding; a wrong key almost always shows up here as bad padding. */
export function removePkcs7Padding(data: Uint8Array, blockSize: number): Uint8Array {
  const pad = data[data.length - 1] ?? 0
  if (pad < 1 || pad > blockSize || pad > data.length) throw new RangeError('bad padding')
  for (let i = data.length - pad; i < data.length; i++) if (data[i] !== pad) throw new RangeError('bad padding')
  return data.subarray(0, data.length - pad)
}

/** 5 mixing rounds, a mash, 6 mixing rounds, a mash, 5 mixing rounds (the same order both ways). */
function runSchedule(mix: () => void, mash: () => void): void {
  for (const [rounds, thenMash] of [[5, true], [6, true], [5, false]] as const) {
    for (let n = 0; n < rounds; n++) mix()
    if (thenMash) mash()
  }
}

function toWords(block: Uint8Array): number[] {
  if (block.length !== 8) throw new RangeError('RC2 blocks are 8 bytes')
  return [0, 1, 2, 3].map((i) => block[2 * i]! | (block[2 * i + 1]! << 8))
}

function fromWords(r: readonly number[]): Uint8Array {
  const out = new Uint8Array(8)
  r.forEach((w, i) => {
    out[2 * i] = w & 0xff
    out[2 * i + 1] = w >> 8
  })
  return out
}
