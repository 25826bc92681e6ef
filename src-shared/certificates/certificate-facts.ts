/**
 * What the preflight judges in one X.509 certificate, read straight from its DER (RFC 5280 §4.1): dates,
 * signature algorithm, public key, EKU, CRL distribution point, CA flag and the names it presents. Pure, so
 * the rules can be tested without node:crypto and the renderer could show the same facts.
 */
import { DER_TAG, DerError, isContext, isUniversal, readDerChildren, readDerNode, readDerString, readOid, type DerNode } from '../probe/der-reader'
import { readPresentedIdentifiers } from '../probe/certificate-sans'
import type { PresentedIdentifiers } from '../probe/probe-types'
import { readAlgorithm, sequenceChildren } from './der-values'

/** The public key, as far as the key-strength rule needs it. */
export type PublicKeyFacts =
  | { readonly kind: 'rsa'; readonly bits: number }
  | { readonly kind: 'ec'; readonly curve: string | null; readonly curveOid: string | null }
  | { readonly kind: 'other'; readonly oid: string }

/** The signature algorithm: its name and the hash it uses (null when the name does not say, e.g. PSS). */
export interface SignatureFacts {
  readonly oid: string
  readonly name: string
  readonly hash: 'md2' | 'md5' | 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512' | null
  readonly isPss: boolean
}

/** Everything a rule looks at in one certificate. */
export interface CertificateFacts {
  readonly subject: string
  readonly issuer: string
  /** Subject and issuer DER are identical (a root, or a self-signed leaf). */
  readonly selfIssued: boolean
  readonly notBefore: Date
  readonly notAfter: Date
  readonly signature: SignatureFacts
  readonly publicKey: PublicKeyFacts
  /** Extended key usage OIDs; null when the certificate has no EKU extension (RFC 5280: any purpose). */
  readonly extendedKeyUsages: readonly string[] | null
  readonly hasCrlDistributionPoint: boolean
  readonly isCa: boolean
  readonly identifiers: PresentedIdentifiers
}

/** EKU OIDs, RFC 5280 §4.2.1.12. */
export const EKU = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  any: '2.5.29.37.0',
} as const

const SIGNATURES: Readonly<Record<string, Omit<SignatureFacts, 'oid' | 'isPss'>>> = {
  '1.2.840.113549.1.1.2': { name: 'md2WithRSAEncryption', hash: 'md2' },
  '1.2.840.113549.1.1.4': { name: 'md5WithRSAEncryption', hash: 'md5' },
  '1.2.840.113549.1.1.5': { name: 'sha1WithRSAEncryption', hash: 'sha1' },
  '1.3.14.3.2.29': { name: 'sha1WithRSASignature', hash: 'sha1' },
  '1.2.840.113549.1.1.14': { name: 'sha224WithRSAEncryption', hash: 'sha224' },
  '1.2.840.113549.1.1.11': { name: 'sha256WithRSAEncryption', hash: 'sha256' },
  '1.2.840.113549.1.1.12': { name: 'sha384WithRSAEncryption', hash: 'sha384' },
  '1.2.840.113549.1.1.13': { name: 'sha512WithRSAEncryption', hash: 'sha512' },
  '1.2.840.113549.1.1.10': { name: 'RSASSA-PSS', hash: null },
  '1.2.840.10045.4.1': { name: 'ecdsa-with-SHA1', hash: 'sha1' },
  '1.2.840.10045.4.3.1': { name: 'ecdsa-with-SHA224', hash: 'sha224' },
  '1.2.840.10045.4.3.2': { name: 'ecdsa-with-SHA256', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { name: 'ecdsa-with-SHA384', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { name: 'ecdsa-with-SHA512', hash: 'sha512' },
  '1.2.840.10040.4.3': { name: 'dsa-with-sha1', hash: 'sha1' },
  '1.3.101.112': { name: 'Ed25519', hash: null },
}

/** Named curves, RFC 5480 §2.1.1.1 (P-256/384/521 are the ones Lync 2013 lists: ECDH_P256/P384/P521). */
const CURVES: Readonly<Record<string, string>> = {
  '1.2.840.10045.3.1.7': 'P-256',
  '1.3.132.0.34': 'P-384',
  '1.3.132.0.35': 'P-521',
}

const OID_RSA = '1.2.840.113549.1.1.1'
const OID_EC = '1.2.840.10045.2.1'
const OID_EKU = '2.5.29.37'
const OID_CRL_DP = '2.5.29.31'
const OID_BASIC_CONSTRAINTS = '2.5.29.19'
const OID_COMMON_NAME = '2.5.4.3'

/** Reads a DER certificate. Throws {@link DerError} on malformed input. */
export function readCertificateFacts(der: Uint8Array): CertificateFacts {
  const certificate = readDerNode(der, 0)
  if (certificate.end !== der.length) throw new DerError('trailing bytes after the certificate')
  const [tbs, signatureAlgorithm] = sequenceChildren(der, certificate, 'Certificate')
  const fields = sequenceChildren(der, tbs, 'tbsCertificate')
  const first = fields[0] && isContext(fields[0], 0) ? 1 : 0
  const issuer = fields[first + 2]
  const validity = fields[first + 3]
  const subject = fields[first + 4]
  const spki = fields[first + 5]
  if (!issuer || !subject) throw new DerError('missing issuer or subject')
  const [notBefore, notAfter] = sequenceChildren(der, validity, 'validity')
  const extensions = readExtensions(der, fields.slice(first + 6).find((n) => isContext(n, 3)))
  const eku = extensions.get(OID_EKU)
  return {
    subject: describeName(der, subject),
    issuer: describeName(der, issuer),
    selfIssued: sameBytes(der.subarray(issuer.start, issuer.end), der.subarray(subject.start, subject.end)),
    notBefore: readTime(der, notBefore),
    notAfter: readTime(der, notAfter),
    signature: readSignature(der, signatureAlgorithm),
    publicKey: readPublicKey(der, spki),
    extendedKeyUsages: eku ? readDerChildren(der, eku).map((n) => readOid(der, n)) : null,
    hasCrlDistributionPoint: extensions.has(OID_CRL_DP),
    isCa: readIsCa(der, extensions.get(OID_BASIC_CONSTRAINTS)),
    identifiers: readPresentedIdentifiers(der),
  }
}

function readSignature(der: Uint8Array, node: DerNode | undefined): SignatureFacts {
  const { oid } = readAlgorithm(der, node, 'signatureAlgorithm')
  const known = SIGNATURES[oid]
  return { oid, name: known?.name ?? oid, hash: known?.hash ?? null, isPss: oid === '1.2.840.113549.1.1.10' }
}

function readPublicKey(der: Uint8Array, spki: DerNode | undefined): PublicKeyFacts {
  const [algorithm, bitString] = sequenceChildren(der, spki, 'subjectPublicKeyInfo')
  const { oid, params } = readAlgorithm(der, algorithm, 'public key algorithm')
  if (oid === OID_EC) {
    const curveOid = params && isUniversal(params, DER_TAG.oid) ? readOid(der, params) : null
    return { kind: 'ec', curveOid, curve: curveOid ? (CURVES[curveOid] ?? null) : null }
  }
  if (oid !== OID_RSA) return { kind: 'other', oid }
  if (!bitString || !isUniversal(bitString, DER_TAG.bitString) || bitString.end - bitString.start < 2) throw new DerError('RSA key is not a BIT STRING')
  // Skip the "unused bits" byte; the rest is RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }.
  const [modulus] = sequenceChildren(der, readDerNode(der, bitString.start + 1, bitString.end), 'RSAPublicKey')
  if (!modulus || !isUniversal(modulus, DER_TAG.integer)) throw new DerError('RSA modulus missing')
  let start = modulus.start
  while (start < modulus.end - 1 && der[start] === 0) start++
  const top = der[start] ?? 0
  const bits = (modulus.end - start - 1) * 8 + (top === 0 ? 0 : Math.floor(Math.log2(top)) + 1)
  return { kind: 'rsa', bits }
}

/** Extension OID → the DER value inside its OCTET STRING. */
function readExtensions(der: Uint8Array, wrapper: DerNode | undefined): Map<string, DerNode> {
  const map = new Map<string, DerNode>()
  if (!wrapper) return map
  const [list] = readDerChildren(der, wrapper)
  for (const extension of list ? readDerChildren(der, list) : []) {
    const parts = readDerChildren(der, extension)
    const id = parts[0]
    const value = parts[parts.length - 1]
    if (!id || !value || !isUniversal(value, DER_TAG.octetString)) throw new DerError('malformed extension')
    map.set(readOid(der, id), readDerNode(der, value.start, value.end))
  }
  return map
}

function readIsCa(der: Uint8Array, node: DerNode | undefined): boolean {
  if (!node) return false
  const [flag] = sequenceChildren(der, node, 'basicConstraints')
  return !!flag && isUniversal(flag, DER_TAG.boolean) && der[flag.start] !== 0
}

/** UTCTime (YYMMDDHHMMSSZ; 50–99 = 19xx, RFC 5280 §4.1.2.5.1) or GeneralizedTime (YYYYMMDDHHMMSSZ). */
function readTime(der: Uint8Array, node: DerNode | undefined): Date {
  if (!node) throw new DerError('missing time')
  const value = String.fromCharCode(...der.subarray(node.start, Math.min(node.end, node.start + 32)))
  let match: RegExpExecArray | null
  let year: number
  if (isUniversal(node, DER_TAG.utcTime) && (match = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(value))) {
    const yy = Number(match[1])
    year = yy >= 50 ? 1900 + yy : 2000 + yy
  } else if (isUniversal(node, DER_TAG.generalizedTime) && (match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(value))) {
    year = Number(match[1])
  } else {
    throw new DerError(`unreadable time ${JSON.stringify(value)}`)
  }
  const [, , month, day, hour, minute, second] = match.map(Number)
  return new Date(Date.UTC(year, (month ?? 1) - 1, day, hour, minute, second))
}

/** "CN=…" when the name has a CN (what an admin recognises), else a count of its attributes. */
function describeName(der: Uint8Array, name: DerNode): string {
  const cns: string[] = []
  let count = 0
  for (const rdn of readDerChildren(der, name)) {
    for (const attribute of readDerChildren(der, rdn)) {
      count++
      const [type, value] = readDerChildren(der, attribute)
      if (type && value && readOid(der, type) === OID_COMMON_NAME) cns.push(readDerString(der, value))
    }
  }
  return cns.length > 0 ? cns.map((cn) => `CN=${cn}`).join(', ') : `(${count} attributes, no CN)`
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i])
}
