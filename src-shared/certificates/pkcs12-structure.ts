/**
 * The layers of a PFX (RFC 7292 §4–§4.2): PFX → authSafe ContentInfo → AuthenticatedSafe (ContentInfos,
 * plain or password-encrypted) → SafeContents → SafeBags. Pure parsing; decryption happens in pkcs12-reader.ts.
 */
import { DER_TAG, DerError, isContext, isUniversal, readDerChildren, readDerNode, readOid, type DerNode } from '../probe/der-reader'
import { readAlgorithm, readOctets, readSequenceAt, readSmallInteger, sequenceChildren, unwrapExplicit } from './der-values'
import type { HashName } from './pkcs12-kdf'

const OID_DATA = '1.2.840.113549.1.7.1'
const OID_ENCRYPTED_DATA = '1.2.840.113549.1.7.6'
const OID_SIGNED_DATA = '1.2.840.113549.1.7.2'
const OID_ENVELOPED_DATA = '1.2.840.113549.1.7.3'

/** SafeBag types, RFC 7292 §4.2. */
export const BAG_TYPE = {
  '1.2.840.113549.1.12.10.1.1': 'key',
  '1.2.840.113549.1.12.10.1.2': 'shrouded-key',
  '1.2.840.113549.1.12.10.1.3': 'cert',
  '1.2.840.113549.1.12.10.1.4': 'crl',
  '1.2.840.113549.1.12.10.1.5': 'secret',
  '1.2.840.113549.1.12.10.1.6': 'safe-contents',
} as const
type BagKind = (typeof BAG_TYPE)[keyof typeof BAG_TYPE]

const OID_X509_CERTIFICATE = '1.2.840.113549.1.9.22.1'
const OID_LOCAL_KEY_ID = '1.2.840.113549.1.9.21'
const OID_FRIENDLY_NAME = '1.2.840.113549.1.9.20'

/** Digest OIDs a MacData may name. */
export const DIGEST_OIDS: Readonly<Record<string, HashName>> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
}

/** Bounds that keep a hostile file from costing more than a real one would. */
export const PKCS12_LIMITS = { maxBags: 256, maxIterations: 1_000_000, maxNesting: 4 } as const

/** The password-integrity MAC (RFC 7292 §4, MacData). */
export interface Pkcs12Mac {
  readonly hash: HashName
  readonly digest: Uint8Array
  readonly salt: Uint8Array
  readonly iterations: number
}

/** One ContentInfo of the AuthenticatedSafe: SafeContents in the clear, or encrypted with a password. */
export type Pkcs12Content =
  | { readonly kind: 'data'; readonly safeContents: Uint8Array }
  | {
      readonly kind: 'encrypted'
      /** The algorithm OID and its parameters, a node within `source`. */
      readonly algorithm: { readonly oid: string; readonly params: DerNode | undefined; readonly source: Uint8Array }
      readonly ciphertext: Uint8Array
    }

/** The outer layers of a PFX. */
export interface Pkcs12Envelope {
  /** The bytes the MAC is computed over (the authSafe's content octets). */
  readonly authSafe: Uint8Array
  readonly mac: Pkcs12Mac | null
  readonly contents: readonly Pkcs12Content[]
}

/** A SafeBag as found (certificates as DER, keys only noted: their presence is what matters here). */
export type Pkcs12Bag =
  | { readonly kind: 'cert'; readonly der: Uint8Array; readonly localKeyId: string | null; readonly friendlyName: string | null }
  | { readonly kind: 'key' | 'shrouded-key'; readonly localKeyId: string | null; readonly algorithmOid: string | null }
  | { readonly kind: 'crl' | 'secret' | 'other'; readonly localKeyId: string | null }

/** Reads PFX → authSafe → AuthenticatedSafe. Throws DerError on malformed input, Error('unsupported…') otherwise. */
export function readPkcs12Envelope(pfx: Uint8Array): Pkcs12Envelope {
  const outer = readDerNode(pfx, 0)
  if (outer.end !== pfx.length) throw new DerError('trailing bytes after the PFX')
  const [version, authSafeInfo, macData] = sequenceChildren(pfx, outer, 'PFX')
  if (readSmallInteger(pfx, version, 'PFX version') !== 3) throw new DerError('not a PKCS #12 v3 PFX')
  const [typeNode, wrapped] = sequenceChildren(pfx, authSafeInfo, 'authSafe')
  const type = typeNode ? readOid(pfx, typeNode) : ''
  if (type === OID_SIGNED_DATA) throw new Pkcs12UnsupportedError('public-key integrity mode (signedData authSafe)')
  if (type !== OID_DATA) throw new DerError('authSafe is not pkcs7-data')
  const authSafe = readOctets(pfx, unwrapExplicit(pfx, wrapped, 'authSafe content'), 'authSafe content')
  return { authSafe, mac: macData ? readMac(pfx, macData) : null, contents: readAuthenticatedSafe(authSafe) }
}

/** A PFX feature this reader does not handle (said as such, not as a damaged file). */
export class Pkcs12UnsupportedError extends Error {
  override readonly name = 'Pkcs12UnsupportedError'
}

function readMac(pfx: Uint8Array, node: DerNode): Pkcs12Mac {
  const [digestInfo, saltNode, iterationsNode] = sequenceChildren(pfx, node, 'MacData')
  const [algorithm, digestNode] = sequenceChildren(pfx, digestInfo, 'MacData digest')
  const { oid } = readAlgorithm(pfx, algorithm, 'MacData digest algorithm')
  const hash = DIGEST_OIDS[oid]
  if (!hash) throw new Pkcs12UnsupportedError(`MAC digest ${oid}`)
  const iterations = iterationsNode ? readSmallInteger(pfx, iterationsNode, 'MAC iterations') : 1
  checkIterations(iterations)
  return { hash, digest: readOctets(pfx, digestNode, 'MAC digest'), salt: readOctets(pfx, saltNode, 'MAC salt'), iterations }
}

function readAuthenticatedSafe(bytes: Uint8Array): Pkcs12Content[] {
  const infos = readSequenceAt(bytes, 0, bytes.length, 'AuthenticatedSafe')
  if (infos.length > PKCS12_LIMITS.maxBags) throw new DerError('too many ContentInfos')
  return infos.map((info) => {
    const [typeNode, wrapped] = sequenceChildren(bytes, info, 'ContentInfo')
    const type = typeNode ? readOid(bytes, typeNode) : ''
    if (type === OID_DATA) return { kind: 'data', safeContents: readOctets(bytes, unwrapExplicit(bytes, wrapped, 'data'), 'data') }
    if (type === OID_ENVELOPED_DATA) throw new Pkcs12UnsupportedError('public-key privacy mode (envelopedData)')
    if (type !== OID_ENCRYPTED_DATA) throw new Pkcs12UnsupportedError(`ContentInfo type ${type}`)
    // EncryptedData ::= SEQUENCE { version, EncryptedContentInfo ::= SEQUENCE { contentType, algorithm, [0] IMPLICIT OCTET STRING } }
    const [, encryptedContentInfo] = sequenceChildren(bytes, unwrapExplicit(bytes, wrapped, 'encryptedData'), 'EncryptedData')
    const [, algorithmNode, contentNode] = sequenceChildren(bytes, encryptedContentInfo, 'EncryptedContentInfo')
    const { oid, params } = readAlgorithm(bytes, algorithmNode, 'content encryption algorithm')
    if (!contentNode || !isContext(contentNode, 0) || contentNode.constructed) {
      // BER's constructed [0] (ciphertext split in chunks) is not DER; no Windows or OpenSSL export writes it.
      throw new Pkcs12UnsupportedError('encrypted content not in a single primitive [0]')
    }
    return {
      kind: 'encrypted',
      algorithm: { oid, params, source: bytes },
      ciphertext: bytes.subarray(contentNode.start, contentNode.end),
    }
  })
}

/** Reads the SafeBags of a SafeContents (nested safeContentsBags included, to a bounded depth). */
export function readSafeBags(bytes: Uint8Array, node: DerNode = readDerNode(bytes, 0), depth = 0): Pkcs12Bag[] {
  if (depth > PKCS12_LIMITS.maxNesting) throw new DerError('safeContentsBag nested too deeply')
  if (depth === 0 && node.end !== bytes.length) throw new DerError('trailing bytes after the SafeContents')
  const bags = sequenceChildren(bytes, node, 'SafeContents')
  if (bags.length > PKCS12_LIMITS.maxBags) throw new DerError('too many SafeBags')
  return bags.flatMap((bag): Pkcs12Bag[] => {
    const [idNode, valueWrapper, attributes] = sequenceChildren(bytes, bag, 'SafeBag')
    const kind: BagKind | 'other' = (idNode && BAG_TYPE[readOid(bytes, idNode) as keyof typeof BAG_TYPE]) || 'other'
    const value = unwrapExplicit(bytes, valueWrapper, 'SafeBag value')
    const { localKeyId, friendlyName } = readBagAttributes(bytes, attributes)
    switch (kind) {
      case 'cert':
        return readCertBag(bytes, value, localKeyId, friendlyName)
      case 'key':
        return [{ kind, localKeyId, algorithmOid: readKeyAlgorithm(bytes, value, 1) }]
      case 'shrouded-key':
        return [{ kind, localKeyId, algorithmOid: readKeyAlgorithm(bytes, value, 0) }]
      case 'safe-contents':
        return readSafeBags(bytes, value, depth + 1)
      default:
        return [{ kind: kind === 'crl' || kind === 'secret' ? kind : 'other', localKeyId }]
    }
  })
}

function readCertBag(bytes: Uint8Array, value: DerNode, localKeyId: string | null, friendlyName: string | null): Pkcs12Bag[] {
  const [typeNode, certWrapper] = sequenceChildren(bytes, value, 'CertBag')
  // sdsiCertificate and other certificate types are not X.509: nothing to check in them.
  if (!typeNode || readOid(bytes, typeNode) !== OID_X509_CERTIFICATE) return [{ kind: 'other', localKeyId }]
  return [{ kind: 'cert', der: readOctets(bytes, unwrapExplicit(bytes, certWrapper, 'CertBag value'), 'certificate'), localKeyId, friendlyName }]
}

/** keyBag = PrivateKeyInfo (algorithm is the 2nd field); shroudedKeyBag = EncryptedPrivateKeyInfo (1st field). */
function readKeyAlgorithm(bytes: Uint8Array, value: DerNode, index: number): string | null {
  const fields = sequenceChildren(bytes, value, 'key bag')
  return fields[index] ? readAlgorithm(bytes, fields[index], 'key algorithm').oid : null
}

function readBagAttributes(bytes: Uint8Array, attributes: DerNode | undefined): { localKeyId: string | null; friendlyName: string | null } {
  let localKeyId: string | null = null
  let friendlyName: string | null = null
  if (!attributes || !isUniversal(attributes, DER_TAG.set)) return { localKeyId, friendlyName }
  for (const attribute of readDerChildren(bytes, attributes)) {
    const [typeNode, values] = sequenceChildren(bytes, attribute, 'bag attribute')
    if (!typeNode || !values || !isUniversal(values, DER_TAG.set)) continue
    const first = readDerChildren(bytes, values)[0]
    if (!first) continue
    const type = readOid(bytes, typeNode)
    if (type === OID_LOCAL_KEY_ID && isUniversal(first, DER_TAG.octetString)) localKeyId = toHex(bytes.subarray(first.start, first.end))
    if (type === OID_FRIENDLY_NAME && isUniversal(first, DER_TAG.bmpString)) friendlyName = new TextDecoder('utf-16be').decode(bytes.subarray(first.start, first.end))
  }
  return { localKeyId, friendlyName }
}

/** Rejects iteration counts no real export uses (OpenSSL: 2048; Windows: 2000–10000), which would only burn CPU. */
export function checkIterations(iterations: number): void {
  if (iterations < 1 || iterations > PKCS12_LIMITS.maxIterations) throw new DerError(`implausible iteration count ${iterations}`)
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}
