/**
 * Opens a PFX the way this tool needs it: verify the password with the MAC, decrypt the certificate bags
 * (PBES2 with AES, PKCS #12 3DES, PKCS #12 RC2 as Windows Server 2008 R2–2012 R2 write it) and note whether
 * a private key is there. The key itself is never decrypted. Crypto primitives are passed in (node:crypto in
 * src-main), RC2 is ours because OpenSSL 3 dropped it from its default provider.
 */
import { DerError, type DerNode } from '../probe/der-reader'
import { readAlgorithm, readOctets, readSmallInteger, sequenceChildren } from './der-values'
import { bmpPassword, derivePkcs12Key, HASH_SIZES, KDF_PURPOSE, type HashName } from './pkcs12-kdf'
import { checkIterations, readPkcs12Envelope, readSafeBags, Pkcs12UnsupportedError, type Pkcs12Bag, type Pkcs12Content } from './pkcs12-structure'
import { decryptRc2Cbc } from './rc2'

/** Block ciphers node:crypto provides (with PKCS #7 padding removed; a bad padding throws). */
export type BlockCipherName = 'aes-128-cbc' | 'aes-192-cbc' | 'aes-256-cbc' | 'des-ede3-cbc'

/** The primitives the reader needs; src-main/certificates/node-pkcs12-crypto.ts provides them. */
export interface Pkcs12Crypto {
  readonly digest: (hash: HashName, data: Uint8Array) => Uint8Array
  readonly hmac: (hash: HashName, key: Uint8Array, data: Uint8Array) => Uint8Array
  readonly pbkdf2: (password: Uint8Array, salt: Uint8Array, iterations: number, keyLength: number, hash: HashName) => Uint8Array
  readonly decrypt: (cipher: BlockCipherName, key: Uint8Array, iv: Uint8Array, data: Uint8Array) => Uint8Array
}

/** Why a PFX could not be opened. */
export type Pkcs12ErrorCode = 'malformed' | 'wrong-password' | 'unsupported'

/** A PFX that cannot be read, with the reason as a code (the caller words it for the user). */
export class Pkcs12Error extends Error {
  override readonly name = 'Pkcs12Error'
  constructor(
    readonly code: Pkcs12ErrorCode,
    message: string,
  ) {
    super(message)
  }
}

/** A certificate found in a PFX. */
export interface Pkcs12Certificate {
  readonly der: Uint8Array
  readonly localKeyId: string | null
  readonly friendlyName: string | null
}

/** What a PFX holds, as far as the preflight cares. */
export interface Pkcs12Summary {
  readonly certificates: readonly Pkcs12Certificate[]
  /** Private keys (keyBag or pkcs8ShroudedKeyBag), by their localKeyId. */
  readonly keys: readonly { readonly kind: 'key' | 'shrouded-key'; readonly localKeyId: string | null }[]
  /** 'mac-verified' when the password was proven by the MAC; 'none' when the file has no MAC. */
  readonly integrity: 'mac-verified' | 'none'
  /** How the encrypted parts were protected, e.g. "pbeWithSHAAnd40BitRC2-CBC". */
  readonly encryption: readonly string[]
}

const PKCS12_PBE: Readonly<Record<string, { name: string; cipher: 'rc2' | 'des-ede3-cbc' | 'rc4'; keyLength: number; effectiveBits?: number }>> = {
  '1.2.840.113549.1.12.1.1': { name: 'pbeWithSHAAnd128BitRC4', cipher: 'rc4', keyLength: 16 },
  '1.2.840.113549.1.12.1.2': { name: 'pbeWithSHAAnd40BitRC4', cipher: 'rc4', keyLength: 5 },
  '1.2.840.113549.1.12.1.3': { name: 'pbeWithSHAAnd3-KeyTripleDES-CBC', cipher: 'des-ede3-cbc', keyLength: 24 },
  '1.2.840.113549.1.12.1.4': { name: 'pbeWithSHAAnd2-KeyTripleDES-CBC', cipher: 'des-ede3-cbc', keyLength: 16 },
  '1.2.840.113549.1.12.1.5': { name: 'pbeWithSHAAnd128BitRC2-CBC', cipher: 'rc2', keyLength: 16, effectiveBits: 128 },
  '1.2.840.113549.1.12.1.6': { name: 'pbeWithSHAAnd40BitRC2-CBC', cipher: 'rc2', keyLength: 5, effectiveBits: 40 },
}
const OID_PBES2 = '1.2.840.113549.1.5.13'
const OID_PBKDF2 = '1.2.840.113549.1.5.12'
const PBKDF2_PRF: Readonly<Record<string, HashName>> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.8': 'sha224',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
}
const PBES2_CIPHERS: Readonly<Record<string, { cipher: BlockCipherName; keyLength: number }>> = {
  '2.16.840.1.101.3.4.1.2': { cipher: 'aes-128-cbc', keyLength: 16 },
  '2.16.840.1.101.3.4.1.22': { cipher: 'aes-192-cbc', keyLength: 24 },
  '2.16.840.1.101.3.4.1.42': { cipher: 'aes-256-cbc', keyLength: 32 },
  '1.2.840.113549.3.7': { cipher: 'des-ede3-cbc', keyLength: 24 },
}

/** Reads a PFX with `password` ('' for none). Throws {@link Pkcs12Error}. */
export function readPkcs12(pfx: Uint8Array, password: string, crypto: Pkcs12Crypto): Pkcs12Summary {
  const envelope = guard(() => readPkcs12Envelope(pfx))
  // OpenSSL and Windows differ on an empty password: two zero bytes (RFC 7292 B.1) or no bytes at all.
  const candidates = password === '' ? [bmpPassword(''), new Uint8Array(0)] : [bmpPassword(password)]
  let bmp: Uint8Array | undefined
  if (envelope.mac) {
    const { mac } = envelope
    bmp = candidates.find((candidate) => {
      const key = derivePkcs12Key((d) => crypto.digest(mac.hash, d), mac.hash, KDF_PURPOSE.mac, candidate, mac.salt, mac.iterations, HASH_SIZES[mac.hash].u)
      return equalBytes(crypto.hmac(mac.hash, key, envelope.authSafe), mac.digest)
    })
    if (!bmp) throw new Pkcs12Error('wrong-password', 'the password does not match the file (MAC check failed)')
  }
  const passwords = bmp ? [bmp] : candidates
  const bags: Pkcs12Bag[] = []
  const encryption: string[] = []
  for (const content of envelope.contents) {
    const opened = openContent(content, passwords, password, crypto, envelope.mac !== null)
    bags.push(...opened.bags)
    if (opened.encryption) encryption.push(opened.encryption)
  }
  for (const bag of bags) if (bag.kind === 'shrouded-key') encryption.push(`key: ${algorithmName(bag.algorithmOid)}`)
  return {
    certificates: bags.flatMap((b) => (b.kind === 'cert' ? [{ der: b.der, localKeyId: b.localKeyId, friendlyName: b.friendlyName }] : [])),
    keys: bags.flatMap((b) => (b.kind === 'key' || b.kind === 'shrouded-key' ? [{ kind: b.kind, localKeyId: b.localKeyId }] : [])),
    integrity: envelope.mac ? 'mac-verified' : 'none',
    encryption: [...new Set(encryption)],
  }
}

/** A readable name for a PBE algorithm OID (the OID itself when unknown). */
export function algorithmName(oid: string | null): string {
  if (oid === null) return 'unknown'
  return PKCS12_PBE[oid]?.name ?? (oid === OID_PBES2 ? 'PBES2' : oid)
}

function openContent(
  content: Pkcs12Content,
  bmpPasswords: readonly Uint8Array[],
  password: string,
  crypto: Pkcs12Crypto,
  macVerified: boolean,
): { bags: Pkcs12Bag[]; encryption: string | null } {
  if (content.kind === 'data') return { bags: guard(() => readSafeBags(content.safeContents)), encryption: null }
  const { oid, params, source } = content.algorithm
  let lastError: unknown = null
  for (const bmp of bmpPasswords) {
    let plain: Uint8Array
    let name: string
    try {
      ;({ plain, name } = decryptContent(oid, params, source, content.ciphertext, bmp, password, crypto))
    } catch (error) {
      if (error instanceof Pkcs12Error && error.code !== 'wrong-password') throw error
      lastError = error
      continue
    }
    try {
      return { bags: readSafeBags(plain), encryption: name }
    } catch (error) {
      // Without a MAC, a wrong key can pass the padding check by chance and yield garbage.
      if (macVerified) throw new Pkcs12Error('malformed', `decrypted contents are not SafeContents: ${(error as Error).message}`)
      lastError = error
    }
  }
  throw lastError instanceof Pkcs12Error ? lastError : new Pkcs12Error('wrong-password', 'the password does not decrypt the certificates')
}

function decryptContent(
  oid: string,
  params: DerNode | undefined,
  source: Uint8Array,
  ciphertext: Uint8Array,
  bmp: Uint8Array,
  password: string,
  crypto: Pkcs12Crypto,
): { plain: Uint8Array; name: string } {
  const pbe = PKCS12_PBE[oid]
  if (pbe) {
    const [saltNode, iterationsNode] = guard(() => sequenceChildren(source, params, 'pkcs-12PbeParams'))
    const salt = guard(() => readOctets(source, saltNode, 'PBE salt'))
    const iterations = guard(() => readSmallInteger(source, iterationsNode, 'PBE iterations'))
    guard(() => checkIterations(iterations))
    if (pbe.cipher === 'rc4') throw new Pkcs12Error('unsupported', `${pbe.name} (RC4) is not supported`)
    const derive = (purpose: number, length: number): Uint8Array =>
      derivePkcs12Key((d) => crypto.digest('sha1', d), 'sha1', purpose, bmp, salt, iterations, length)
    const key = derive(KDF_PURPOSE.key, pbe.keyLength)
    const iv = derive(KDF_PURPOSE.iv, 8)
    return {
      name: pbe.name,
      plain: wrongPasswordOnThrow(() =>
        pbe.cipher === 'rc2'
          ? decryptRc2Cbc(key, pbe.effectiveBits ?? pbe.keyLength * 8, iv, ciphertext)
          : crypto.decrypt('des-ede3-cbc', pbe.keyLength === 16 ? concat(key, key.subarray(0, 8)) : key, iv, ciphertext),
      ),
    }
  }
  if (oid === OID_PBES2) return decryptPbes2(params, source, ciphertext, password, crypto)
  throw new Pkcs12Error('unsupported', `encryption algorithm ${oid} is not supported`)
}

function decryptPbes2(params: DerNode | undefined, source: Uint8Array, ciphertext: Uint8Array, password: string, crypto: Pkcs12Crypto): { plain: Uint8Array; name: string } {
  const [kdfNode, schemeNode] = guard(() => sequenceChildren(source, params, 'PBES2-params'))
  const kdf = guard(() => readAlgorithm(source, kdfNode, 'PBES2 key derivation'))
  if (kdf.oid !== OID_PBKDF2) throw new Pkcs12Error('unsupported', `PBES2 key derivation ${kdf.oid} is not supported`)
  const kdfFields = guard(() => sequenceChildren(source, kdf.params, 'PBKDF2-params'))
  const salt = guard(() => readOctets(source, kdfFields[0], 'PBKDF2 salt'))
  const iterations = guard(() => readSmallInteger(source, kdfFields[1], 'PBKDF2 iterations'))
  guard(() => checkIterations(iterations))
  // Optional keyLength INTEGER, then optional prf AlgorithmIdentifier (default hmacWithSHA1).
  const prfNode = kdfFields.slice(2).find((n) => n.constructed)
  const prfOid = prfNode ? guard(() => readAlgorithm(source, prfNode, 'PBKDF2 prf')).oid : '1.2.840.113549.2.7'
  const prf = PBKDF2_PRF[prfOid]
  if (!prf) throw new Pkcs12Error('unsupported', `PBKDF2 pseudo-random function ${prfOid} is not supported`)
  const scheme = guard(() => readAlgorithm(source, schemeNode, 'PBES2 encryption scheme'))
  const cipher = PBES2_CIPHERS[scheme.oid]
  if (!cipher) throw new Pkcs12Error('unsupported', `PBES2 cipher ${scheme.oid} is not supported`)
  const iv = guard(() => readOctets(source, scheme.params, 'PBES2 IV'))
  // PBES2 takes the password as bytes: OpenSSL and Windows use its UTF-8 form.
  const key = crypto.pbkdf2(new TextEncoder().encode(password), salt, iterations, cipher.keyLength, prf)
  return { name: `PBES2 (PBKDF2-HMAC-${prf.toUpperCase()}, ${cipher.cipher.toUpperCase()})`, plain: wrongPasswordOnThrow(() => crypto.decrypt(cipher.cipher, key, iv, ciphertext)) }
}

function guard<T>(read: () => T): T {
  try {
    return read()
  } catch (error) {
    if (error instanceof Pkcs12UnsupportedError) throw new Pkcs12Error('unsupported', `${error.message} is not supported`)
    if (error instanceof DerError) throw new Pkcs12Error('malformed', error.message)
    throw error
  }
}

function wrongPasswordOnThrow(decrypt: () => Uint8Array): Uint8Array {
  try {
    return decrypt()
  } catch (error) {
    throw new Pkcs12Error('wrong-password', `decryption failed (${(error as Error).message})`)
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}

/** Compares without an early exit (the MAC is not secret here, but there is no reason to leak timing). */
function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!
  return diff === 0
}

