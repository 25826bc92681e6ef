/** The PKCS #12 reader's primitives from node:crypto (hashes, HMAC, PBKDF2, AES-CBC and 3DES-CBC). */
import { createDecipheriv, createHash, createHmac, pbkdf2Sync } from 'node:crypto'
import type { Pkcs12Crypto } from '../../src-shared/certificates/pkcs12-reader'

/** node:crypto behind the pure reader's interface. */
export const nodePkcs12Crypto: Pkcs12Crypto = {
  digest: (hash, data) => createHash(hash).update(data).digest(),
  hmac: (hash, key, data) => createHmac(hash, key).update(data).digest(),
  pbkdf2: (password, salt, iterations, keyLength, hash) => pbkdf2Sync(password, salt, iterations, keyLength, hash),
  decrypt: (cipher, key, iv, data) => {
    const decipher = createDecipheriv(cipher, key, iv)
    return Buffer.concat([decipher.update(data), decipher.final()])
  },
}
