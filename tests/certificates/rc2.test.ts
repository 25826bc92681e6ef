import { describe, expect, it } from 'vitest'
import { decryptRc2Block, decryptRc2Cbc, encryptRc2Block, expandRc2Key } from '../../src-shared/certificates/rc2'

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s/g, ''), 'hex'))
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex')

/** RFC 2268 §5: effective key bits, key, plaintext, ciphertext. */
const VECTORS: readonly [number, string, string, string][] = [
  [63, '00000000 00000000', '00000000 00000000', 'ebb773f9 93278eff'],
  [64, 'ffffffff ffffffff', 'ffffffff ffffffff', '278b27e4 2e2f0d49'],
  [64, '30000000 00000000', '10000000 00000001', '30649edf 9be7d2c2'],
  [64, '88', '00000000 00000000', '61a8a244 adacccf0'],
  [64, '88bca90e 90875a', '00000000 00000000', '6ccf4308 974c267f'],
  [64, '88bca90e 90875a7f 0f79c384 627bafb2', '00000000 00000000', '1a807d27 2bbe5db1'],
  [128, '88bca90e 90875a7f 0f79c384 627bafb2', '00000000 00000000', '2269552a b0f85ca6'],
  [129, '88bca90e 90875a7f 0f79c384 627bafb2 16f80a6f 85920584 c42fceb0 be255daf 1e', '00000000 00000000', '5b78d3a4 3dfff1f1'],
]

describe('RC2 (RFC 2268)', () => {
  it.each(VECTORS)('effective %i bits, key %s: encrypts to the RFC ciphertext and back', (bits, key, plain, cipher) => {
    const k = expandRc2Key(hex(key), bits)
    expect(toHex(encryptRc2Block(k, hex(plain)))).toBe(cipher.replace(/\s/g, ''))
    expect(toHex(decryptRc2Block(k, hex(cipher)))).toBe(plain.replace(/\s/g, ''))
  })

  it('CBC: chains blocks and strips PKCS #7 padding; a wrong key fails on the padding', () => {
    const key = hex('0102030405')
    const iv = hex('0001020304050607')
    const k = expandRc2Key(key, 40)
    // Encrypt "hello, rc2!" (11 bytes + 5 bytes of padding) in CBC by hand with the block function.
    const plain = new Uint8Array([...Buffer.from('hello, rc2!'), 5, 5, 5, 5, 5])
    const cipher = new Uint8Array(16)
    let previous = iv
    for (let offset = 0; offset < 16; offset += 8) {
      const block = plain.slice(offset, offset + 8).map((b, i) => b ^ previous[i]!)
      previous = encryptRc2Block(k, block)
      cipher.set(previous, offset)
    }
    expect(Buffer.from(decryptRc2Cbc(key, 40, iv, cipher)).toString()).toBe('hello, rc2!')
    expect(() => decryptRc2Cbc(hex('0102030406'), 40, iv, cipher)).toThrow(/padding/)
    expect(() => decryptRc2Cbc(key, 40, iv, cipher.subarray(0, 15))).toThrow(/blocks/)
  })
})
