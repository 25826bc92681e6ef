/**
 * The PKCS #12 key-derivation function (RFC 7292 appendix B.2), used for the MAC key and for the
 * pbeWithSHAAnd… ciphers. The hash is passed in, so this module stays pure (node:crypto lives in src-main).
 */

/** The hashes a PFX may name, as node:crypto spells them. */
export type HashName = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512'

/** What each hash needs here: output length u and block length v, in bytes (RFC 7292 B.2). */
export const HASH_SIZES: Readonly<Record<HashName, { readonly u: number; readonly v: number }>> = {
  sha1: { u: 20, v: 64 },
  sha224: { u: 28, v: 64 },
  sha256: { u: 32, v: 64 },
  sha384: { u: 48, v: 128 },
  sha512: { u: 64, v: 128 },
}

/** The purpose byte ID of RFC 7292 B.3. */
export const KDF_PURPOSE = { key: 1, iv: 2, mac: 3 } as const

/** A password as RFC 7292 B.1 wants it: BMPString (UTF-16 big-endian) with a two-byte zero terminator. */
export function bmpPassword(password: string): Uint8Array {
  const out = new Uint8Array(password.length * 2 + 2)
  for (let i = 0; i < password.length; i++) {
    const code = password.charCodeAt(i)
    out[2 * i] = code >> 8
    out[2 * i + 1] = code & 0xff
  }
  return out
}

/** Derives `length` bytes for `purpose` from the BMP password, salt and iteration count (RFC 7292 B.2). */
export function derivePkcs12Key(
  digest: (data: Uint8Array) => Uint8Array,
  hash: HashName,
  purpose: number,
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  length: number,
): Uint8Array {
  const { u, v } = HASH_SIZES[hash]
  const d = new Uint8Array(v).fill(purpose)
  const s = repeatToMultiple(salt, v)
  const p = repeatToMultiple(password, v)
  const i = new Uint8Array(s.length + p.length)
  i.set(s)
  i.set(p, s.length)
  const out = new Uint8Array(length)
  const blocks = Math.ceil(length / u)
  for (let n = 0; n < blocks; n++) {
    const input = new Uint8Array(v + i.length)
    input.set(d)
    input.set(i, v)
    let a = digest(input)
    for (let r = 1; r < iterations; r++) a = digest(a)
    out.set(a.subarray(0, Math.min(u, length - n * u)), n * u)
    if (n === blocks - 1) break
    const b = repeatToLength(a, v)
    // I_j = (I_j + B + 1) mod 2^(8v), for each v-byte block of I.
    for (let offset = 0; offset < i.length; offset += v) {
      let carry = 1
      for (let k = v - 1; k >= 0; k--) {
        const sum = i[offset + k]! + b[k]! + carry
        i[offset + k] = sum & 0xff
        carry = sum >> 8
      }
    }
  }
  return out
}

function repeatToMultiple(data: Uint8Array, v: number): Uint8Array {
  if (data.length === 0) return new Uint8Array(0)
  return repeatToLength(data, v * Math.ceil(data.length / v))
}

function repeatToLength(data: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length)
  for (let k = 0; k < length; k++) out[k] = data[k % data.length]!
  return out
}
